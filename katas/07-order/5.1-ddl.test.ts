/**
 * Exercise 5.1 (DDL): `orders` and `order_items`, read back from the server's information_schema,
 * then put to work with a few rows the test writes with its own SQL.
 * Run: npm test -- katas/07-order/5.1
 */
import { describe, expect, it } from 'vitest';
import { applyTables } from '../../harness/db/tables.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import type { ColumnSpec } from '../../harness/testing/matchers.ts';
import { explainingOutOfRange } from '../../harness/testing/out-of-range.ts';
import { ORDER_MONEY_TYPES } from '../../harness/events/order.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { tables } from './tables.ts';

const lesson = lessonFor('07-order');
const db = useKataDatabase({ kata: '07-order', tables: () => tables });
const orders = () => db.table('orders', '5.1');
const orderItems = () => db.table('order_items', '5.1');
const schema = lesson.section('3. Schema deep dive');
/** The paragraphs of section 3, for the tests and columns they explain. */
const paragraph = (name: string) => lesson.paragraph('3. Schema deep dive', name);
const moneyParagraph = paragraph('Money is `DECIMAL`');
const parentAndChild = paragraph('Parent and child, as in kata 04');
const naturalKey = paragraph('An item\'s natural key is `(order_id, item_id)`');
const autoIncrement = paragraph('`AUTO_INCREMENT` and gaps');
/** A total written into a column typed too narrow: the server's bare "Out of range" explained. */
const narrowMoney = { kata: '07-order', types: ORDER_MONEY_TYPES, pointer: moneyParagraph };
/** A column whose type a paragraph explains points there (the money, the snapshot); the others at the section. */
const columnPointers = {
  pointer: schema,
  byColumn: {
    ...Object.fromEntries(Object.keys(ORDER_MONEY_TYPES).map((column) => [column, moneyParagraph])),
    ...Object.fromEntries(['snapshot_name', 'snapshot_sku', 'snapshot_image_url', 'snapshot_supplier_id', 'snapshot_category'].map((column) => [column, paragraph('The product snapshot: copying on purpose')])),
  },
};

const column = (name: string, type: string, nullable = false): ColumnSpec => ({ name, type, nullable });
const money = (name: string) => column(name, 'decimal(12,2)');
const time = (name: string, nullable = false) => column(name, 'datetime(6)', nullable);

/** The course's `orders` table (README, "3. Schema deep dive"). */
const ORDERS: ColumnSpec[] = [
  column('order_id', 'varchar(24)'),
  column('order_number', 'varchar(32)'),
  column('customer_id', 'varchar(24)'),
  column('customer_email', 'varchar(255)'),
  column('customer_name', 'varchar(200)', true),
  column('status', 'varchar(20)'),
  column('payment_method', 'varchar(30)'),
  column('payment_status', 'varchar(20)'),
  column('shipping_city', 'varchar(100)', true),
  column('shipping_state', 'varchar(100)', true),
  column('shipping_zip_code', 'varchar(20)', true),
  column('shipping_country', 'varchar(2)', true),
  money('subtotal'),
  money('tax'),
  money('shipping_cost'),
  money('discount'),
  money('total'),
  column('currency', 'varchar(3)'),
  time('placed_at'),
  time('paid_at', true),
  time('shipped_at', true),
  time('delivered_at', true),
  time('cancelled_at', true),
  column('cancel_reason', 'varchar(500)', true),
  time('created_at'),
  time('updated_at'),
  column('event_id', 'varchar(36)'),
  time('event_timestamp'),
];

/** The course's `order_items` table (README, "3. Schema deep dive"). */
const ORDER_ITEMS: ColumnSpec[] = [
  column('id', 'bigint'),
  column('order_id', 'varchar(24)'),
  column('item_id', 'varchar(24)'),
  column('product_id', 'varchar(24)'),
  column('variant_key', 'varchar(100)', true),
  column('quantity', 'int'),
  column('unit_price', 'decimal(10,2)'),
  column('line_total', 'decimal(12,2)'),
  column('snapshot_name', 'varchar(255)'),
  column('snapshot_sku', 'varchar(64)'),
  column('snapshot_image_url', 'varchar(500)', true),
  column('snapshot_supplier_id', 'varchar(24)', true),
  column('snapshot_category', 'varchar(100)', true),
];

/** An order row written with the test's own INSERT (only the NOT NULL columns). */
function orderRow(orderId: string, orderNumber: string) {
  return {
    order_id: orderId,
    order_number: orderNumber,
    customer_id: '65a1f0c2e4b0a1b2c3d4e5f6',
    customer_email: 'ada@example.com',
    status: 'pending',
    payment_method: 'card',
    payment_status: 'pending',
    subtotal: '82.50',
    tax: '16.50',
    shipping_cost: '4.95',
    discount: '5.00',
    total: '98.95',
    currency: 'GBP',
    placed_at: '2026-03-14 09:26:53.589793',
    created_at: '2026-03-14 09:26:53.589793',
    updated_at: '2026-03-14 09:26:53.589793',
    event_id: '8d1f3c2a-0b4e-4e53-9a51-3f9a7e1c2d10',
    event_timestamp: '2026-03-14 09:26:53.750000',
  };
}

/** An item row written with the test's own INSERT (only the NOT NULL columns). */
const itemRow = (orderId: string, itemId: string, lineTotal = '27.50') => ({
  order_id: orderId,
  item_id: itemId,
  product_id: '65f0c2e4b0a1b2c3d4e5f610',
  quantity: 1,
  unit_price: lineTotal,
  line_total: lineTotal,
  snapshot_name: 'Organic Cotton T-Shirt',
  snapshot_sku: 'TS-ORG-RED-XL',
});

const itemIdsOf = async (orderId: string) =>
  (await db.rows<{ item_id: string }>('SELECT item_id FROM order_items WHERE order_id = ? ORDER BY item_id', [orderId])).map((row) => row.item_id);

describe('Exercise 5.1: CREATE TABLE orders', () => {
  it('has the 28 columns with the course\'s types and nullability', async () => {
    expect(await orders()).toHaveColumns(ORDERS, columnPointers);
  });

  it('lists the columns in the course\'s order', async () => {
    expect(await orders()).toHaveColumnOrder(ORDERS.map((spec) => spec.name), schema);
  });

  it('uses order_id as PRIMARY KEY', async () => {
    expect(await orders()).toHavePrimaryKey(['order_id'], lesson.exercise('5.1'));
  });

  it('has a UNIQUE KEY on order_number, the business key', async () => {
    expect(await orders()).toHaveIndexOn(['order_number'], lesson.paragraph('3. Schema deep dive', 'Two keys for one order'), { unique: true });
  });

  it('has an index on (customer_id, placed_at): a customer\'s orders by date', async () => {
    expect(await orders()).toHaveIndexOn(['customer_id', 'placed_at'], lesson.paragraph('3. Schema deep dive', 'Composite indexes for the questions asked'), { unique: false });
  });

  it('has an index on (status, placed_at): the orders of a status by date', async () => {
    expect(await orders()).toHaveIndexOn(['status', 'placed_at'], lesson.paragraph('3. Schema deep dive', 'Composite indexes for the questions asked'), { unique: false });
  });

  it('is an InnoDB table in utf8mb4', async () => {
    expect(await orders()).toUseEngineAndCharset('InnoDB', 'utf8mb4', lesson.exercise('5.1'));
  });
});

describe('Exercise 5.1: CREATE TABLE order_items', () => {
  it('has the 13 columns with the course\'s types and nullability', async () => {
    expect(await orderItems()).toHaveColumns(ORDER_ITEMS, columnPointers);
  });

  it('lists the columns in the course\'s order', async () => {
    expect(await orderItems()).toHaveColumnOrder(ORDER_ITEMS.map((spec) => spec.name), schema);
  });

  it('uses id as PRIMARY KEY, numbered by the server (AUTO_INCREMENT)', async () => {
    const table = await orderItems();
    expect(table).toHavePrimaryKey(['id'], autoIncrement);
    expect(table).toHaveAutoIncrement('id', autoIncrement);
  });

  it('has a UNIQUE KEY on (order_id, item_id), in that order', async () => {
    expect(await orderItems()).toHaveIndexOn(['order_id', 'item_id'], naturalKey, { unique: true });
  });

  it('has an index on product_id: what sold, per product', async () => {
    expect(await orderItems()).toHaveIndexOn(['product_id'], schema, { unique: false });
  });

  it('has a FOREIGN KEY (order_id) REFERENCES orders (order_id) ON DELETE CASCADE', async () => {
    expect(await orderItems()).toHaveForeignKey({ columns: ['order_id'], referencedTable: 'orders', referencedColumns: ['order_id'], onDelete: 'CASCADE' }, parentAndChild);
  });

  it('is an InnoDB table in utf8mb4', async () => {
    expect(await orderItems()).toUseEngineAndCharset('InnoDB', 'utf8mb4', lesson.exercise('5.1'));
  });
});

describe('Exercise 5.1: the two tables at work (rows written by the test\'s own SQL)', () => {
  it('refuses a second order with the same order_number', async () => {
    await orders();
    await db.reset();
    await db.insert('orders', [orderRow('a00000000000000000000001', 'ORD-2026-000000001')]);
    await expect(
      db.insert('orders', [orderRow('a00000000000000000000002', 'ORD-2026-000000001')]),
      `Two orders cannot share a number: the UNIQUE KEY on order_number refuses the second, whatever the code does.\n${lesson.paragraph('3. Schema deep dive', 'Two keys for one order')}`,
    ).rejects.toThrow(/duplicate/i);
  });

  it('keeps the line ids per order: two orders each have an ln-01, one order cannot have it twice', async () => {
    await orderItems();
    await db.reset();
    const [first, second] = ['b00000000000000000000001', 'b00000000000000000000002'];
    await db.insert('orders', [orderRow(first, 'ORD-2026-000000011'), orderRow(second, 'ORD-2026-000000012')]);
    await db.insert('order_items', [itemRow(first, 'ln-01')]);
    await expect(
      db.insert('order_items', [itemRow(second, 'ln-01')]),
      `Every order numbers its lines from ln-01: the key is unique per order, UNIQUE (order_id, item_id), not on item_id alone.\n` +
        `${lesson.paragraph('3. Schema deep dive', 'An item\'s natural key is `(order_id, item_id)`')}`,
    ).resolves.toBeUndefined();
    await expect(
      db.insert('order_items', [itemRow(first, 'ln-01')]),
      `One order cannot have the line ln-01 twice: UNIQUE (order_id, item_id).\n${naturalKey}`,
    ).rejects.toThrow(/duplicate/i);
  });

  it('the server numbers the items: an INSERT without id gets a new, larger id each time', async () => {
    await orderItems();
    await db.reset();
    const order = 'c00000000000000000000001';
    await db.insert('orders', [orderRow(order, 'ORD-2026-000000021')]);
    await db.insert('order_items', [itemRow(order, 'ln-01'), itemRow(order, 'ln-02')]);
    const ids = (await db.rows<{ id: number | string }>('SELECT id FROM order_items ORDER BY id')).map((row) => Number(row.id));
    expect(ids, `Two rows inserted without an id should get two increasing numbers from AUTO_INCREMENT.\n${autoIncrement}`).toHaveLength(2);
    expect(ids[1]!, `AUTO_INCREMENT gives each new row the next number.\n${autoIncrement}`).toBeGreaterThan(ids[0]!);
  });

  it('refuses an item whose order does not exist (the foreign key)', async () => {
    await orderItems();
    await db.reset();
    await expect(
      db.insert('order_items', [itemRow('ffffffffffffffffffffffff', 'ln-01')]),
      `order_items.order_id must point at an existing order: the FOREIGN KEY refuses an orphan line.\n${parentAndChild}`,
    ).rejects.toThrow(/foreign key/i);
  });

  it('deleting an order deletes its items, and only its items (ON DELETE CASCADE)', async () => {
    await orderItems();
    await db.reset();
    const [doomed, kept] = ['d00000000000000000000001', 'd00000000000000000000002'];
    await db.insert('orders', [orderRow(doomed, 'ORD-2026-000000031'), orderRow(kept, 'ORD-2026-000000032')]);
    await db.insert('order_items', [itemRow(doomed, 'ln-01'), itemRow(doomed, 'ln-02'), itemRow(kept, 'ln-01')]);
    await expect(
      db.rows('DELETE FROM orders WHERE order_id = ?', [doomed]),
      `A DELETE of an order that has items must not be refused: ON DELETE CASCADE takes them with it (without the clause, the key refuses the delete).\n${parentAndChild}`,
    ).resolves.toBeDefined();
    expect(await itemIdsOf(doomed), `After DELETE FROM orders, the order's items are gone by themselves.\n${parentAndChild}`).toEqual([]);
    expect(await itemIdsOf(kept), `Another order's items stay.\n${parentAndChild}`).toEqual(['ln-01']);
  });

  it('keeps money exact: three lines of 0.10 add up to exactly 0.30, and the largest total fits', async () => {
    await orderItems();
    await db.reset();
    const order = 'e00000000000000000000001';
    await explainingOutOfRange(db, narrowMoney).insert('orders', [{ ...orderRow(order, 'ORD-2026-000000041'), total: '9999999999.99' }]);
    await db.insert('order_items', [itemRow(order, 'ln-01', '0.10'), itemRow(order, 'ln-02', '0.10'), itemRow(order, 'ln-03', '0.10')]);
    const [sum] = await db.rows<{ total: unknown }>('SELECT SUM(line_total) AS total FROM order_items');
    expect(
      sum!.total,
      `SUM(line_total) over three lines of 0.10 must be exactly '0.30' (mysql2 returns DECIMAL as text). ` +
        `A FLOAT or DOUBLE column stores binary fractions: 0.1 has no exact one, and sums drift (0.30000000000000004).\n${moneyParagraph}`,
    ).toBe('0.30');
    const [stored] = await db.rows<{ total: unknown }>('SELECT total FROM orders');
    expect(stored!.total, `orders.total holds up to 9,999,999,999.99 exactly: DECIMAL(12,2).\n${moneyParagraph}`).toBe('9999999999.99');
  });

  it('can run again at the next service start without failing (IF NOT EXISTS)', async () => {
    await orderItems();
    await expect(
      applyTables(db.pool, tables),
      `The service applies tables.ts at every start, on a database that already has the tables: each statement must be CREATE TABLE IF NOT EXISTS, which leaves a table that exists as it is (a plain CREATE TABLE fails with "already exists").\n${lesson.exercise('5.1')}`,
    ).resolves.toBeUndefined();
  });
});
