/**
 * Kata 07, advanced challenge 1: ONE statement per order, and what it saves over a loop of
 * single-row INSERTs. Runs your OrderDAL.insertItems on your tables:
 *
 *   npm run bench:items                  the check, then the benchmark
 *   npm run bench:items -- --check       the check only: exits 1 until every order is one statement
 *   npm run bench:items -- --orders 500 --items 1,5,50
 *
 * The check: for orders of 1, 2, 5 and 20 items, how many statements your insertItems sends (all
 * of them, whatever they are), and whether the rows are all there. Exercise 5.3 is green with a
 * loop; the challenge is one multi-row INSERT. Grading does not count it.
 *
 * The benchmark: for each number of items per order it stores the same orders' items three ways
 * and prints the time and rows per second of each:
 *   insertItems            your method
 *   loop                   one INSERT per item, each committed on its own (autocommit)
 *   loop, one transaction  one INSERT per item, the order's items committed together
 * The three take turns for five rounds; each line shows the median round.
 * It needs exercises 5.1 and 5.3 done. It uses KATA_MYSQL_URL when set, otherwise a throwaway
 * server (a local MariaDB, or MySQL in Docker), in a database of its own that it drops at the end.
 * Figures are for comparing, on this machine; a network between you and the database multiplies
 * the cost of every round trip, and so the gap.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs, styleText } from 'node:util';
import { closePool, configureDatabase, getPool, withTransaction } from '../../../harness/db/pool.ts';
import { applyTables } from '../../../harness/db/tables.ts';
import { ORDER_COLUMNS, ORDER_ITEM_FIELDS, type OrderItemRow, type OrderRow } from '../../../harness/events/order.ts';
import { newObjectId } from '../../../harness/events/envelope.ts';
import { startServers } from '../../../harness/servers/start.ts';
import { createDatabase, databaseUrl, dropDatabase } from '../../../harness/testing/database-admin.ts';
import { recordStatements } from '../../../harness/testing/statements.ts';

type Dal = { insertItems(orderId: string, items: readonly OrderItemRow[]): Promise<void> };

/** What is measured: a kata's tables and its OrderDAL (yours, when run with npm run bench:items). */
export type BenchSubject = { tables: readonly string[]; OrderDAL: new () => Dal; label: string };

const ITEM_COLUMNS = ['order_id', ...ORDER_ITEM_FIELDS];
const INSERT_ONE_ITEM = `INSERT INTO order_items (${ITEM_COLUMNS.join(', ')}) VALUES (${ITEM_COLUMNS.map(() => '?').join(', ')})`;
const INSERT_ORDER = `INSERT INTO orders (${ORDER_COLUMNS.join(', ')}) VALUES (${ORDER_COLUMNS.map(() => '?').join(', ')})`;
const STEP_UP = 'katas/07-order/README.md, "Exercise 5.3", the paragraph "The step up: one statement, many rows"';

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
const storedRows = async () => {
  const [[{ stored }]] = (await getPool().query('SELECT COUNT(*) AS stored FROM order_items')) as unknown as [[{ stored: number }]];
  return Number(stored);
};

const itemValues = (orderId: string, item: OrderItemRow) => [orderId, ...ORDER_ITEM_FIELDS.map((field) => item[field])];

const ways: [name: string, store: (dal: Dal, orderId: string, lines: OrderItemRow[]) => Promise<void>][] = [
  ['insertItems', (dal, orderId, lines) => dal.insertItems(orderId, lines)],
  ['loop', async (_dal, orderId, lines) => {
    for (const item of lines) await getPool().execute(INSERT_ONE_ITEM, itemValues(orderId, item));
  }],
  ['loop, one transaction', (_dal, orderId, lines) =>
    withTransaction(async (connection) => {
      for (const item of lines) await connection.execute(INSERT_ONE_ITEM, itemValues(orderId, item));
    })],
];

/**
 * The challenge's check: the statements insertItems sends for one order of each size, and the
 * rows it stores. True when every order took exactly one statement and stored all its items.
 */
async function checkOneStatement(dal: Dal, database: string, orderId: string): Promise<boolean> {
  console.log(`  ${'items/order'.padEnd(12)}${'statements'.padStart(10)}${'rows stored'.padStart(13)}`);
  let done = true;
  let loop = false;
  for (const count of [1, 2, 5, 20]) {
    await getPool().query('DELETE FROM order_items');
    const { statements } = await recordStatements(database, () => dal.insertItems(orderId, items(count)));
    const stored = await storedRows();
    const ok = statements.length === 1 && stored === count;
    done &&= ok;
    loop ||= statements.length === count && count > 1;
    const mark = ok ? styleText('green', '✓') : styleText('red', '✗');
    console.log(`  ${String(count).padEnd(12)}${String(statements.length).padStart(10)}${String(stored).padStart(13)}  ${mark}`);
  }
  if (done) {
    console.log(`\n${styleText('green', '✓')} one statement per order, whatever its size: challenge done.`);
  } else if (loop) {
    console.log(
      `\nOne statement per item: a loop. It is right (exercise 5.3 is green with it), and each item is a round trip.\n` +
        `The challenge: all of an order's items in ONE INSERT ... VALUES (...), (...). Read ${STEP_UP}.`,
    );
  } else {
    console.log(`\nNot one statement per order with every item stored. Read ${STEP_UP}.`);
  }
  return done;
}

/** Creates a database of its own, runs the check (and unless checkOnly, the benchmark), drops it. Returns the check's verdict. */
export async function benchItems(subject: BenchSubject, options: { orders: number; itemCounts: number[]; checkOnly: boolean }): Promise<boolean> {
  const fromEnvironment = process.env.KATA_MYSQL_URL;
  const servers = fromEnvironment ? undefined : await startServers({ kafka: false, prefer: 'local' });
  const serverUrl = fromEnvironment ?? servers!.mysqlUrl;
  const database = `kt_bench_${randomBytes(4).toString('hex')}`;
  await createDatabase(serverUrl, database);
  try {
    await configureDatabase(databaseUrl(serverUrl, database));
    await applyTables(getPool(), subject.tables);
    const ids = Array.from({ length: options.orders }, () => newObjectId());
    for (const [index, id] of ids.entries()) await getPool().execute(INSERT_ORDER, ORDER_COLUMNS.map((column) => order(id, index)[column]));
    const dal = new subject.OrderDAL();
    console.log(`\n${subject.label}, ${servers?.summary ?? 'KATA_MYSQL_URL'}\n`);
    console.log('Advanced challenge 1: one statement per order\n');
    const done = await checkOneStatement(dal, database, ids[0]!);
    if (options.checkOnly) return done;

    console.log(`\nThe benchmark: ${options.orders} orders per run, median of ${ROUNDS} rounds\n`);
    console.log(`  ${'items/order'.padEnd(12)}${'way'.padEnd(24)}${'time'.padStart(9)}${'rows/s'.padStart(10)}${'vs insertItems'.padStart(16)}`);
    for (const count of options.itemCounts) {
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
          const stored = await storedRows();
          if (stored !== options.orders * count) throw new Error(`${name} stored ${stored} rows instead of ${options.orders * count}`);
        }
      }
      const yours = (options.orders * count) / median(times.get(ways[0]![0])!);
      for (const [name] of ways) {
        const seconds = median(times.get(name)!);
        const rate = (options.orders * count) / seconds;
        console.log(`  ${String(count).padEnd(12)}${name.padEnd(24)}${`${(seconds * 1000).toFixed(0)} ms`.padStart(9)}${rate.toFixed(0).padStart(10)}${`${(rate / yours).toFixed(2)}x`.padStart(16)}`);
      }
    }
    return done;
  } finally {
    await closePool();
    await dropDatabase(serverUrl, database).catch(() => undefined);
    await servers?.stop();
  }
}

/** The command line: --orders, --items and --check, as the comment at the top says. */
export function benchOptions(args: string[] = process.argv.slice(2)): { orders: number; itemCounts: number[]; checkOnly: boolean } {
  const { values } = parseArgs({
    args,
    options: { orders: { type: 'string', default: '200' }, items: { type: 'string', default: '1,5,20' }, check: { type: 'boolean', default: false } },
  });
  const orders = Number(values.orders);
  const itemCounts = values.items.split(',').map(Number);
  if (!Number.isInteger(orders) || orders < 1 || itemCounts.some((count) => !Number.isInteger(count) || count < 1)) {
    throw new Error(`--orders takes a whole number >= 1 and --items a list of them, e.g. --orders 200 --items 1,5,20 (got ${values.orders} and ${values.items})`);
  }
  return { orders, itemCounts, checkOnly: values.check };
}

if (import.meta.main) {
  const { tables } = await import('../tables.ts');
  const { OrderDAL } = await import('../order-dal.ts');
  const options = benchOptions();
  const done = await benchItems({ tables, OrderDAL, label: 'your insertItems' }, options);
  // only the check says pass or fail: a benchmark of a loop is a result, not an error
  process.exitCode = done || !options.checkOnly ? 0 : 1;
}
