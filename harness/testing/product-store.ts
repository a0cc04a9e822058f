/**
 * The stand-in behind kata 04's DAL spy (dal-spy.ts): the two tables kept in memory, with the
 * rules the real ones enforce that a consumer must respect. A variant of a product that is not
 * stored is refused (the foreign key), deleting a product takes its variants (the cascade), a
 * variant key appears once per product (the UNIQUE key), and undefined is refused as mysql2
 * refuses it. What the rows hold is checked by the suites, not here.
 */
import { PRODUCT_COLUMNS, type ProductRow, type VariantRow } from '../events/product.ts';
import { DatabaseDownError } from './dal-spy.ts';

const VARIANT_FIELDS = ['variant_key', 'sku', 'name', 'price', 'stock', 'is_active', 'attributes_json'] as const;

export class ProductStore {
  readonly products = new Map<string, ProductRow>();
  readonly variants = new Map<string, VariantRow[]>();
  /** set to a method name to make it fail, as a database outage would */
  failing?: 'insertProduct' | 'replaceVariants' | 'deleteProduct';
  private readonly pointer: string;

  constructor(pointer: string) {
    this.pointer = pointer;
  }

  async insertProduct(product: ProductRow): Promise<void> {
    this.failIfAsked('insertProduct');
    refuseUndefined('insertProduct', product, PRODUCT_COLUMNS, this.pointer);
    const existing = this.products.get(product.product_id);
    this.products.set(product.product_id, { ...product, created_at: existing?.created_at ?? product.created_at });
  }

  async deleteProduct(productId: string): Promise<void> {
    this.failIfAsked('deleteProduct');
    this.products.delete(productId);
    this.variants.delete(productId); // ON DELETE CASCADE
  }

  async replaceVariants(productId: string, variants: readonly VariantRow[]): Promise<void> {
    this.failIfAsked('replaceVariants');
    if (!Array.isArray(variants)) {
      throw new TypeError(`replaceVariants(productId, variants) was called with ${describe(variants)} as variants: it takes an array of VariantRow, one per key of data.variants.\n${this.pointer}`);
    }
    variants.forEach((variant, index) => refuseUndefined(`replaceVariants (variant ${index + 1})`, variant, VARIANT_FIELDS, this.pointer));
    if (variants.length > 0 && !this.products.has(productId)) {
      throw new Error(
        `Cannot add or update a child row: a foreign key constraint fails (product_variants.product_id REFERENCES products.product_id).\n` +
          `replaceVariants('${productId}', ...) ran while products had no row ${productId}: store the product first (insertProduct), then its variants.\n${this.pointer}`,
      );
    }
    const keys = variants.map((variant) => variant.variant_key);
    const twice = keys.find((key, index) => keys.indexOf(key) !== index);
    if (twice !== undefined) throw new Error(`Duplicate entry '${productId}-${twice}' for key 'uq_product_variants_key': the variant key '${twice}' came twice.\n${this.pointer}`);
    this.variants.set(productId, variants.map((variant) => ({ ...variant })));
  }

  private failIfAsked(method: NonNullable<ProductStore['failing']>): void {
    if (this.failing === method) throw new DatabaseDownError(method);
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  return typeof value === 'object' && value !== null ? `an ${value.constructor?.name ?? 'object'}` : JSON.stringify(value);
}

/** mysql2 refuses undefined ("Bind parameters must not contain undefined"); say which column. */
function refuseUndefined(call: string, row: object, columns: readonly string[], pointer: string): void {
  if (row === null || typeof row !== 'object') throw new TypeError(`${call} received ${describe(row)} instead of a row object.\n${pointer}`);
  const missing = columns.filter((column) => (row as Record<string, unknown>)[column] === undefined);
  if (missing.length > 0) {
    throw new TypeError(
      `${call} received ${missing.map((column) => `${column}: undefined`).join(', ')}. mysql2 refuses undefined ("Bind parameters must not contain undefined"): ` +
        `a value missing from the document must be null.\n${pointer}`,
    );
  }
}
