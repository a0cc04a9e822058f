/**
 * Exercise 5.1 (DDL): `products` and `product_variants`, read back from the server's
 * information_schema, then put to work with a few rows the test writes with its own SQL.
 * Run: npm test -- katas/04-product/5.1
 */
import { describe, expect, it } from 'vitest';
import { applyTables } from '../../harness/db/tables.ts';
import { buildProduct } from '../../harness/events/product.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import type { ColumnSpec } from '../../harness/testing/matchers.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { tables } from './tables.ts';

const lesson = lessonFor('04-product');
const db = useKataDatabase({ kata: '04-product', tables: () => tables });
const products = () => db.table('products', '5.1');
const variants = () => db.table('product_variants', '5.1');

const column = (name: string, type: string, nullable = false): ColumnSpec => ({ name, type, nullable });

/** The course's `products` table (README, "3. Schema deep dive"). */
const PRODUCTS: ColumnSpec[] = [
  column('product_id', 'varchar(24)'),
  column('supplier_id', 'varchar(24)'),
  column('name', 'varchar(255)'),
  column('description', 'text', true),
  column('category', 'varchar(100)', true),
  column('brand', 'varchar(100)', true),
  column('status', 'varchar(20)'),
  column('price', 'decimal(10,2)'),
  column('currency', 'varchar(3)'),
  column('attributes_json', 'json', true),
  column('created_at', 'datetime(6)'),
  column('updated_at', 'datetime(6)'),
  column('event_id', 'varchar(36)'),
  column('event_timestamp', 'datetime(6)'),
];

/** The course's `product_variants` table (README, "3. Schema deep dive"). */
const PRODUCT_VARIANTS: ColumnSpec[] = [
  column('id', 'bigint'),
  column('product_id', 'varchar(24)'),
  column('variant_key', 'varchar(100)'),
  column('sku', 'varchar(64)'),
  column('name', 'varchar(255)', true),
  column('price', 'decimal(10,2)', true),
  column('stock', 'int'),
  column('is_active', 'tinyint(1)'),
  column('attributes_json', 'json', true),
];

const schema = lesson.section('3. Schema deep dive');
/** The paragraphs of section 3, for the tests and columns they explain. */
const paragraph = (name: string) => lesson.paragraph('3. Schema deep dive', name);
const parentAndChild = paragraph('Parent and child');
const onDelete = paragraph('ON DELETE decides what a parent\'s delete does to its children');
const surrogateKey = paragraph('A surrogate key, and the natural key kept unique');
const compositeUnique = paragraph('The composite `UNIQUE` key, and its column order');
const money = paragraph('Money is `DECIMAL`, never `FLOAT` or `DOUBLE`');
const jsonColumns = paragraph('`JSON` columns: the document counts, not its text');
/** A column whose type a paragraph explains points there; the others at the section. */
const columnPointers = {
  pointer: schema,
  byColumn: { price: money, attributes_json: jsonColumns, is_active: paragraph('`BOOLEAN` is `TINYINT(1)`') },
};

/** A product row written with the test's own INSERT (only the NOT NULL columns). */
function productRow(productId: string, price = '24.50') {
  return {
    product_id: productId,
    supplier_id: '65f0c2e4b0a1b2c3d4e5f601',
    name: 'Organic Cotton T-Shirt',
    status: 'active',
    price,
    currency: 'EUR',
    created_at: '2024-05-02 08:15:00.000001',
    updated_at: '2024-05-02 08:15:00.000001',
    event_id: '8d1f3c2a-0b4e-4e53-9a51-3f9a7e1c2d10',
    event_timestamp: '2024-05-02 08:15:00.250000',
  };
}

const variantRow = (productId: string, variantKey: string) => ({ product_id: productId, variant_key: variantKey, sku: `SKU-${variantKey}`, stock: 3, is_active: true });

const variantKeysOf = async (productId: string) =>
  (await db.rows<{ variant_key: string }>('SELECT variant_key FROM product_variants WHERE product_id = ? ORDER BY variant_key', [productId])).map((row) => row.variant_key);

describe('Exercise 5.1: CREATE TABLE products', () => {
  it('has the 14 columns with the course\'s types and nullability', async () => {
    expect(await products()).toHaveColumns(PRODUCTS, columnPointers);
  });

  it('lists the columns in the course\'s order', async () => {
    expect(await products()).toHaveColumnOrder(PRODUCTS.map((spec) => spec.name), schema);
  });

  it('uses product_id as PRIMARY KEY', async () => {
    expect(await products()).toHavePrimaryKey(['product_id'], lesson.exercise('5.1'));
  });

  it('has an index on supplier_id (the products of a supplier)', async () => {
    expect(await products()).toHaveIndexOn(['supplier_id'], schema, { unique: false });
  });

  it('is an InnoDB table in utf8mb4', async () => {
    expect(await products()).toUseEngineAndCharset('InnoDB', 'utf8mb4', lesson.exercise('5.1'));
  });

  it('keeps money exact: three prices of 0.10 add up to exactly 0.30', async () => {
    await products();
    await db.reset();
    const ids = ['a00000000000000000000001', 'a00000000000000000000002', 'a00000000000000000000003'];
    await db.insert('products', ids.map((id) => productRow(id, '0.10')));
    const [sum] = await db.rows<{ total: unknown }>('SELECT SUM(price) AS total FROM products');
    expect(
      sum!.total,
      `SUM(price) over three products priced 0.10 must be exactly '0.30' (mysql2 returns DECIMAL as text). ` +
        `A FLOAT or DOUBLE column stores binary fractions: 0.1 has no exact one, and sums drift (0.30000000000000004).\n${money}`,
    ).toBe('0.30');
  });

  it('refuses attributes_json that is not JSON (the JSON type checks what it stores)', async () => {
    await products();
    await db.reset();
    await expect(
      db.insert('products', [{ ...productRow('a00000000000000000000004'), attributes_json: '[object Object]' }]),
      `A JSON column refuses text that is not a JSON document; a TEXT column would store anything.\n${jsonColumns}`,
    ).rejects.toThrow();
  });
});

describe('Exercise 5.1: CREATE TABLE product_variants', () => {
  it('has the 9 columns with the course\'s types and nullability', async () => {
    expect(await variants()).toHaveColumns(PRODUCT_VARIANTS, columnPointers);
  });

  it('lists the columns in the course\'s order', async () => {
    expect(await variants()).toHaveColumnOrder(PRODUCT_VARIANTS.map((spec) => spec.name), schema);
  });

  it('uses id as PRIMARY KEY, numbered by the server (AUTO_INCREMENT)', async () => {
    const table = await variants();
    expect(table).toHavePrimaryKey(['id'], surrogateKey);
    expect(table).toHaveAutoIncrement('id', surrogateKey);
  });

  it('has a UNIQUE KEY on (product_id, variant_key), in that order', async () => {
    expect(await variants()).toHaveIndexOn(['product_id', 'variant_key'], compositeUnique, { unique: true });
  });

  it('has a FOREIGN KEY (product_id) REFERENCES products (product_id) ON DELETE CASCADE', async () => {
    expect(await variants()).toHaveForeignKey(
      { columns: ['product_id'], referencedTable: 'products', referencedColumns: ['product_id'], onDelete: 'CASCADE' },
      { key: parentAndChild, onDelete },
    );
  });

  it('is an InnoDB table in utf8mb4', async () => {
    expect(await variants()).toUseEngineAndCharset('InnoDB', 'utf8mb4', lesson.exercise('5.1'));
  });
});

describe('Exercise 5.1: the two tables at work (rows written by the test\'s own SQL)', () => {
  it('the server numbers the variants: an INSERT without id gets a new, larger id each time', async () => {
    await variants();
    await db.reset();
    const product = buildProduct();
    await db.insert('products', [productRow(product.product_id)]);
    await db.insert('product_variants', [variantRow(product.product_id, 'red-xl'), variantRow(product.product_id, 'navy-m')]);
    const ids = (await db.rows<{ id: number | string }>('SELECT id FROM product_variants ORDER BY id')).map((row) => Number(row.id));
    expect(ids, `Two rows inserted without an id should get two increasing numbers from AUTO_INCREMENT.\n${surrogateKey}`).toHaveLength(2);
    expect(ids[1]!, `AUTO_INCREMENT gives each new row the next number.\n${surrogateKey}`).toBeGreaterThan(ids[0]!);
  });

  it('refuses a variant whose product does not exist (the foreign key)', async () => {
    await variants();
    await db.reset();
    await expect(
      db.insert('product_variants', [variantRow('ffffffffffffffffffffffff', 'red-xl')]),
      `product_variants.product_id must point at an existing product: the FOREIGN KEY refuses an orphan variant.\n${parentAndChild}`,
    ).rejects.toThrow(/foreign key/i);
  });

  it('refuses the same variant_key twice for one product, and accepts it for two products', async () => {
    await variants();
    await db.reset();
    const [first, second] = ['b00000000000000000000001', 'b00000000000000000000002'];
    await db.insert('products', [productRow(first), productRow(second)]);
    await db.insert('product_variants', [variantRow(first, 'default')]);
    await expect(
      db.insert('product_variants', [variantRow(second, 'default')]),
      `Two products may both have a variant called 'default': the key is unique per product, UNIQUE (product_id, variant_key), not on variant_key alone.\n${compositeUnique}`,
    ).resolves.toBeUndefined();
    await expect(
      db.insert('product_variants', [variantRow(first, 'default')]),
      `One product cannot have the variant 'default' twice: UNIQUE (product_id, variant_key).\n${compositeUnique}`,
    ).rejects.toThrow(/duplicate/i);
  });

  it('deleting a product deletes its variants, and only its variants (ON DELETE CASCADE)', async () => {
    await variants();
    await db.reset();
    const [doomed, kept] = ['c00000000000000000000001', 'c00000000000000000000002'];
    await db.insert('products', [productRow(doomed), productRow(kept)]);
    await db.insert('product_variants', [variantRow(doomed, 'red-xl'), variantRow(doomed, 'navy-m'), variantRow(kept, 'red-xl')]);
    await expect(
      db.rows('DELETE FROM products WHERE product_id = ?', [doomed]),
      `A DELETE of a product that has variants must not be refused: ON DELETE CASCADE takes them with it (without the clause, the key refuses the delete).\n${onDelete}`,
    ).resolves.toBeDefined();
    expect(await variantKeysOf(doomed), `After DELETE FROM products, the product's variants are gone by themselves.\n${onDelete}`).toEqual([]);
    expect(await variantKeysOf(kept), `Another product's variants stay.\n${onDelete}`).toEqual(['red-xl']);
  });

  it('can run again at the next service start without failing (IF NOT EXISTS)', async () => {
    await variants();
    await expect(
      applyTables(db.pool, tables),
      `The service applies tables.ts at every start, on a database that already has the tables: each statement must be CREATE TABLE IF NOT EXISTS, which leaves a table that exists as it is (a plain CREATE TABLE fails with "already exists").\n${lesson.exercise('5.1')}`,
    ).resolves.toBeUndefined();
  });
});
