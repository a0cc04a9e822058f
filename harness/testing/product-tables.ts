/**
 * Kata 04's two tables as its suites read and arrange them: rows read back with SELECT (JSON
 * columns as canonical text, json.ts), the rows a correct DAL leaves for given input, and
 * rows put in place with the harness's own INSERTs (db.insert).
 */
import { PRODUCT_COLUMNS, type ProductRow, type VariantRow } from '../events/product.ts';
import type { KataDatabase } from './database.ts';
import { selectWithJson, withCanonicalJson } from './json.ts';

const JSON_COLUMNS = ['attributes_json'] as const;

/** A `product_variants` row as SELECT returns it, without its server-given id. */
export type StoredVariant = Omit<VariantRow, 'is_active'> & { product_id: string; is_active: number };

/** The columns of `product_variants` a test compares: all but `id`, whose numbers the server picks. */
export const STORED_VARIANT_COLUMNS = ['product_id', 'variant_key', 'sku', 'name', 'price', 'stock', 'is_active', 'attributes_json'] as const;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Products in product_id order (compared in JavaScript, whatever the server's collation). */
export function sortProducts<T extends { product_id: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => compare(a.product_id, b.product_id));
}

/** Variant rows in product_id, then variant_key order. */
export function sortVariants<T extends { product_id: string; variant_key: string }>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => compare(a.product_id, b.product_id) || compare(a.variant_key, b.variant_key));
}

/** Every `products` row (or those matching `where`), by product_id. */
export async function readProducts(db: KataDatabase, where?: Partial<ProductRow>): Promise<ProductRow[]> {
  return sortProducts(await selectWithJson<ProductRow>(db, 'products', PRODUCT_COLUMNS, { json: JSON_COLUMNS, where }));
}

/** Every `product_variants` row (or one product's), by product_id then variant_key. */
export async function readVariants(db: KataDatabase, productId?: string): Promise<StoredVariant[]> {
  const where = productId === undefined ? undefined : { product_id: productId };
  return sortVariants(await selectWithJson<StoredVariant>(db, 'product_variants', STORED_VARIANT_COLUMNS, { json: JSON_COLUMNS, where }));
}

/** The `products` row a correct DAL stores for this input (JSON compared as canonical text). */
export function storedProduct(row: ProductRow): ProductRow {
  return withCanonicalJson(row, JSON_COLUMNS);
}

/** The `product_variants` rows a correct DAL stores for these variants of one product, by variant_key. */
export function storedVariants(productId: string, variants: readonly VariantRow[]): StoredVariant[] {
  return sortVariants(variants.map((variant) => withCanonicalJson({ product_id: productId, ...variant, is_active: asTinyint(variant.is_active) }, JSON_COLUMNS)));
}

/** What a BOOLEAN (TINYINT(1)) column holds for a value mysql2 is handed: true -> 1, false -> 0. */
function asTinyint(value: unknown): number {
  return typeof value === 'boolean' ? Number(value) : (value as number);
}

/** Puts products in place with the harness's own INSERT (db.insert), not the DAL under test. */
export function arrangeProducts(db: KataDatabase, rows: readonly ProductRow[]): Promise<void> {
  return db.insert('products', rows);
}

/** Puts one product's variants in place with the harness's own INSERT (db.insert), not the DAL under test. */
export function arrangeVariants(db: KataDatabase, productId: string, variants: readonly VariantRow[]): Promise<void> {
  return db.insert('product_variants', variants.map((variant) => ({ product_id: productId, ...variant })));
}
