/**
 * Kata 07, advanced challenge: how much does ONE multi-row INSERT save over a loop of single-row
 * INSERTs? Runs your OrderDAL.insertItems against two loops written here, on your tables:
 *
 *   npm run bench:items [-- --orders 200 --items 1,5,20]
 *
 * For each number of items per order it stores the same orders' items three ways and prints the
 * time and rows per second of each:
 *   insertItems            your method: one statement per order
 *   loop                   one INSERT per item, each committed on its own (autocommit)
 *   loop, one transaction  one INSERT per item, the order's items committed together
 * The three take turns for five rounds; each line shows the median round.
 * It needs exercises 5.1 and 5.3 done. It uses KATA_MYSQL_URL when set, otherwise a throwaway
 * server (a local MariaDB, or MySQL in Docker), in a database of its own that it drops at the end.
 * Figures are for comparing, on this machine; a network between you and the database multiplies
 * the cost of every round trip, and so the gap.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { closePool, configureDatabase, getPool, withTransaction } from '../../../harness/db/pool.ts';
import { applyTables } from '../../../harness/db/tables.ts';
import { ORDER_COLUMNS, ORDER_ITEM_FIELDS, type OrderItemRow, type OrderRow } from '../../../harness/events/order.ts';
import { newObjectId } from '../../../harness/events/envelope.ts';
import { startServers } from '../../../harness/servers/start.ts';
import { createDatabase, databaseUrl, dropDatabase } from '../../../harness/testing/database-admin.ts';

type Dal = { insertItems(orderId: string, items: readonly OrderItemRow[]): Promise<void> };

// KATA_VERIFY_MODE=reference measures the course's reference solution instead of your code
// (maintainers only: the folder is not in your repository). A computed path, on purpose.
const reference = process.env.KATA_VERIFY_MODE === 'reference';
const base = reference ? new URL('../../../spec/solutions/07-order/', import.meta.url) : new URL('../', import.meta.url);
const { tables } = (await import(new URL('tables.ts', base).href)) as { tables: string[] };
const { OrderDAL } = (await import(new URL('order-dal.ts', base).href)) as { OrderDAL: new () => Dal };

const { values } = parseArgs({ options: { orders: { type: 'string', default: '200' }, items: { type: 'string', default: '1,5,20' } } });
const orderCount = Number(values.orders);
const itemCounts = values.items.split(',').map(Number);

const ITEM_COLUMNS = ['order_id', ...ORDER_ITEM_FIELDS];
const INSERT_ONE_ITEM = `INSERT INTO order_items (${ITEM_COLUMNS.join(', ')}) VALUES (${ITEM_COLUMNS.map(() => '?').join(', ')})`;
const INSERT_ORDER = `INSERT INTO orders (${ORDER_COLUMNS.join(', ')}) VALUES (${ORDER_COLUMNS.map(() => '?').join(', ')})`;

function order(id: string, index: number): OrderRow {
  const at = '2026-03-14 09:26:53.589793';
  return {
    order_id: id, order_number: `BENCH-${String(index).padStart(9, '0')}`, customer_id: newObjectId(), customer_email: 'ada@example.com', customer_name: 'Ada',
    status: 'pending', payment_method: 'card', payment_status: 'pending',
    shipping_city: 'Bristol', shipping_state: null, shipping_zip_code: 'BS1 4RN', shipping_country: 'GB',
    subtotal: '82.50', tax: '16.50', shipping_cost: '4.95', discount: '5.00', total: '98.95', currency: 'GBP',
    placed_at: at, paid_at: null, shipped_at: null, delivered_at: null, cancelled_at: null, cancel_reason: null,
    created_at: at, updated_at: at, event_id: '3f0c8a4e-0000-4000-8000-000000000000', event_timestamp: at,
  };
}

function items(count: number): OrderItemRow[] {
  return Array.from({ length: count }, (_, index) => ({
    item_id: `ln-${String(index + 1).padStart(2, '0')}`, product_id: '65f0c2e4b0a1b2c3d4e5f610', variant_key: 'red-xl', quantity: 2,
    unit_price: '27.50', line_total: '55.00', snapshot_name: 'Organic Cotton T-Shirt', snapshot_sku: 'TS-ORG-RED-XL',
    snapshot_image_url: 'https://cdn.example/products/ts-org-red.jpg', snapshot_supplier_id: '65f0c2e4b0a1b2c3d4e5f601', snapshot_category: 'apparel',
  }));
}

const ROUNDS = 5;
const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]!;

const itemValues = (orderId: string, item: OrderItemRow) => [orderId, ...ORDER_ITEM_FIELDS.map((field) => item[field])];

const ways: [name: string, store: (dal: Dal, orderId: string, lines: OrderItemRow[]) => Promise<void>][] = [
  ['insertItems (yours)', (dal, orderId, lines) => dal.insertItems(orderId, lines)],
  ['loop', async (_dal, orderId, lines) => {
    for (const item of lines) await getPool().execute(INSERT_ONE_ITEM, itemValues(orderId, item));
  }],
  ['loop, one transaction', (_dal, orderId, lines) =>
    withTransaction(async (connection) => {
      for (const item of lines) await connection.execute(INSERT_ONE_ITEM, itemValues(orderId, item));
    })],
];

const fromEnvironment = process.env.KATA_MYSQL_URL;
const servers = fromEnvironment ? undefined : await startServers({ kafka: false, prefer: 'local' });
const serverUrl = fromEnvironment ?? servers!.mysqlUrl;
const database = `kt_bench_${randomBytes(4).toString('hex')}`;
await createDatabase(serverUrl, database);
try {
  await configureDatabase(databaseUrl(serverUrl, database));
  await applyTables(getPool(), tables);
  const ids = Array.from({ length: orderCount }, () => newObjectId());
  for (const [index, id] of ids.entries()) await getPool().execute(INSERT_ORDER, ORDER_COLUMNS.map((column) => order(id, index)[column]));
  const dal = new OrderDAL();
  console.log(`\n${reference ? 'reference solution' : 'your insertItems'}, ${orderCount} orders per run, ${servers?.summary ?? 'KATA_MYSQL_URL'}\n`);
  console.log(`  ${'items/order'.padEnd(12)}${'way'.padEnd(24)}${'time'.padStart(9)}${'rows/s'.padStart(10)}${'vs yours'.padStart(10)}`);
  for (const count of itemCounts) {
    const lines = items(count);
    // the ways take turns for five rounds, and each way's median counts: a slow moment of the
    // machine does not land on one way only
    const times = new Map<string, number[]>(ways.map(([name]) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      // each round starts with another way, so that none always runs right after a big DELETE
      for (const [name, store] of [...ways.slice(round % ways.length), ...ways.slice(0, round % ways.length)]) {
        await getPool().query('DELETE FROM order_items');
        // one order untimed first: prepared statements and buffers warmed up
        await store(dal, ids[0]!, lines);
        await getPool().query('DELETE FROM order_items');
        const started = performance.now();
        for (const id of ids) await store(dal, id, lines);
        times.get(name)!.push((performance.now() - started) / 1000);
        const [[{ stored }]] = (await getPool().query('SELECT COUNT(*) AS stored FROM order_items')) as unknown as [[{ stored: number }]];
        if (Number(stored) !== orderCount * count) throw new Error(`${name} stored ${stored} rows instead of ${orderCount * count}`);
      }
    }
    const yours = (orderCount * count) / median(times.get(ways[0]![0])!);
    for (const [name] of ways) {
      const seconds = median(times.get(name)!);
      const rate = (orderCount * count) / seconds;
      console.log(`  ${String(count).padEnd(12)}${name.padEnd(24)}${`${(seconds * 1000).toFixed(0)} ms`.padStart(9)}${rate.toFixed(0).padStart(10)}${`${(rate / yours).toFixed(2)}x`.padStart(10)}`);
    }
  }
} finally {
  await closePool();
  await dropDatabase(serverUrl, database).catch(() => undefined);
  await servers?.stop();
}
