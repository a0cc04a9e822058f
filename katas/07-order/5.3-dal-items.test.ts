/**
 * Exercise 5.3 (DAL): OrderDAL.insertItems against a real database, checked with generated
 * items. The orders the items belong to are inserted by the harness's own SQL, not by your
 * upsertOrder: a mistake there cannot turn these tests red. A loop of single-row INSERTs and one
 * multi-row INSERT are both right here; how many statements you send is advanced challenge 1
 * (npm run bench:items), which grading does not count.
 * Run: npm test -- katas/07-order/5.3
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { objectId } from '../../harness/events/arbitraries.ts';
import { orderItems, orderRow } from '../../harness/events/order.arbitraries.ts';
import { ORDER_ITEM_FIELDS, ORDER_MONEY_TYPES, type OrderItemRow, type OrderRow } from '../../harness/events/order.ts';
import { isNotStarted } from '../../harness/not-started.ts';
import { assertReleasesOnFailure } from '../../harness/testing/connection-leaks.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import { explainingOutOfRange } from '../../harness/testing/out-of-range.ts';
import { assertProperty } from '../../harness/testing/properties.ts';
import { assertSentAsParameters } from '../../harness/testing/statements.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { tables } from './tables.ts';
import { OrderDAL } from './order-dal.ts';

const lesson = lessonFor('07-order');
// Generated items and orders carry money up to the largest each column holds: a column typed too
// narrow in 5.1's tables.ts is refused by the server, here explained instead of its bare "Out of range".
const narrowMoney = { kata: '07-order', types: ORDER_MONEY_TYPES, pointer: lesson.paragraph('3. Schema deep dive', 'Money is `DECIMAL`') };
const db = explainingOutOfRange(useKataDatabase({ kata: '07-order', tables: () => tables, requires: { tables: ['orders', 'order_items'], exercise: '5.1' } }), narrowMoney);
const dal = explainingOutOfRange(new OrderDAL(), narrowMoney);
const exercise = lesson.exercise('5.3');

const ITEM_COLUMNS = ['order_id', ...ORDER_ITEM_FIELDS] as const;
type StoredItem = OrderItemRow & { order_id: string };

/** The stored items of an order, by item_id (the order of rows in a table is not a thing). */
const selectItems = async (orderId: string) => byItemId(await db.select<StoredItem>('order_items', ITEM_COLUMNS, { order_id: orderId }));
const byItemId = <T extends { item_id: string }>(items: readonly T[]) => [...items].sort((a, b) => (a.item_id < b.item_id ? -1 : a.item_id > b.item_id ? 1 : 0));
const stored = (orderId: string, items: readonly OrderItemRow[]): StoredItem[] => byItemId(items.map((item) => ({ order_id: orderId, ...item })));
/** How rows of `order_items` are compared: column by column, in the table's order (without the server's id). */
const itemRows = (why: string, pointer = exercise) => ({ columns: ITEM_COLUMNS, table: 'order_items', why, pointer });

/** Orders arranged with the harness's own INSERT. */
const arrangeOrders = (...rows: OrderRow[]) => db.insert('orders', rows);
const someOrder = fc.sample(orderRow(), { numRuns: 1, seed: 11 })[0]!;
const someItems = fc.sample(orderItems({ minLength: 3, maxLength: 3 }), { numRuns: 1, seed: 12 })[0]!;
const whenItFails = (what: string, call: () => Promise<unknown>) =>
  db.whileWritesFail(() => assertReleasesOnFailure(db.pool, what, call, 'the test made the database refuse writes for a moment'));

describe('Exercise 5.3: OrderDAL.insertItems', () => {
  it('stores every item exactly as given, each value in its own column', async () => {
    await assertProperty(
      fc.asyncProperty(orderRow(), orderItems(), async (order, items) => {
        await db.reset();
        await arrangeOrders(order);
        await dal.insertItems(order.order_id, items);
        expect(await selectItems(order.order_id)).toEqualRows(
          stored(order.order_id, items),
          itemRows('After insertItems(orderId, items), SELECT should find one row per item, with order_id and the 11 values of the item; a value in the wrong column means the column list and the values are not in the same order.'),
        );
      }),
    );
  });

  it('sends every value of every item as a ? parameter, never inside the SQL text', async () => {
    await assertProperty(
      fc.asyncProperty(orderRow(), orderItems({ minLength: 2, maxLength: 6 }), async (order, items) => {
        await db.reset();
        await arrangeOrders(order);
        const { statements } = await db.sent(() => dal.insertItems(order.order_id, items));
        // one INSERT per item or one for all of them: both are right here (the second is
        // advanced challenge 1, which grading does not count)
        items.forEach((item, index) => assertSentAsParameters(`OrderDAL.insertItems (item ${index + 1})`, statements, { order_id: order.order_id, ...item }, lesson.paragraph('Exercise 5.3', 'One item, one INSERT')));
      }),
    );
  });

  it('is idempotent: the same items delivered again leave exactly the same rows', async () => {
    await assertProperty(
      fc.asyncProperty(orderRow(), orderItems(), async (order, items) => {
        await db.reset();
        await arrangeOrders(order);
        await dal.insertItems(order.order_id, items);
        await dal.insertItems(order.order_id, items);
        expect(await selectItems(order.order_id)).toEqualRows(
          stored(order.order_id, items),
          itemRows(
            'Kafka delivers at least once, and order.status_changed brings the items again: a second insertItems with the same items must neither fail nor add rows ' +
              '(ON DUPLICATE KEY UPDATE on the UNIQUE (order_id, item_id) key).',
            lesson.paragraph('Exercise 5.3', 'Idempotent under redelivery'),
          ),
        );
      }),
    );
  });

  it('keeps a line that is already stored as it was, and adds the new ones', async () => {
    await assertProperty(
      fc.asyncProperty(orderRow(), orderItems({ minLength: 2, maxLength: 5 }), async (order, items) => {
        await db.reset();
        await arrangeOrders(order);
        const [first, ...rest] = items;
        await db.insert('order_items', [{ order_id: order.order_id, ...first! }]);
        await dal.insertItems(order.order_id, items);
        expect(await selectItems(order.order_id)).toEqualRows(
          stored(order.order_id, [first!, ...rest]),
          itemRows('With the first line stored already, insertItems(all of them) must keep it (once) and add the others.', lesson.paragraph('Exercise 5.3', 'Idempotent under redelivery')),
        );
      }),
    );
  });

  it('keeps each stored line itself on a redelivery, its id (the server\'s number) included: no DELETE and INSERT again', async () => {
    await db.reset();
    await arrangeOrders(someOrder);
    const ids = () => db.rows<{ item_id: string; id: number }>('SELECT item_id, id FROM order_items WHERE order_id = ? ORDER BY item_id', [someOrder.order_id]);
    await dal.insertItems(someOrder.order_id, someItems);
    const first = await ids();
    await dal.insertItems(someOrder.order_id, someItems);
    expect(
      await ids(),
      `The second insertItems with the same items gave the lines new ids: it deleted them and inserted them again. That is kata 04's replace pattern, for children that change; ` +
        `an order's lines never do: rewriting them on every redelivery costs writes, changes their ids, and for a moment leaves the order without lines. ` +
        `Insert with ON DUPLICATE KEY UPDATE item_id = item_id, which leaves a stored line as it is.\n${lesson.paragraph('Exercise 5.3', 'Two look-alikes')}`,
    ).toEqual(first);
  });

  it('two orders with the same line ids (ln-01, ln-02, ...) each keep their own lines', async () => {
    await assertProperty(
      fc.asyncProperty(orderRow(), orderRow(), orderItems(), orderItems(), async (first, second, firstItems, otherItems) => {
        fc.pre(first.order_id !== second.order_id && first.order_number !== second.order_number);
        // the second order reuses the first one's line ids: every order numbers its lines from ln-01
        const secondItems = otherItems.slice(0, firstItems.length).map((item, index) => ({ ...item, item_id: firstItems[index]!.item_id }));
        await db.reset();
        await arrangeOrders(first, second);
        await dal.insertItems(first.order_id, firstItems);
        await dal.insertItems(second.order_id, secondItems);
        expect(await selectItems(second.order_id)).toEqualRows(
          stored(second.order_id, secondItems),
          itemRows(
            `The second order's lines have the same item_ids as the first's: they are unique per order only, and the second order must get all of its own.`,
            lesson.paragraph('3. Schema deep dive', 'An item\'s natural key is `(order_id, item_id)`'),
          ),
        );
        expect(await selectItems(first.order_id)).toEqualRows(stored(first.order_id, firstItems), itemRows('... and the first order keeps its own.'));
      }),
    );
  });

  it('sends nothing for an empty list (VALUES needs at least one row)', async () => {
    await db.reset();
    await arrangeOrders(someOrder);
    const { statements } = await db.sent(() => dal.insertItems(someOrder.order_id, [])).catch((error: unknown) => {
      if (isNotStarted(error)) throw error;
      throw new Error(
        `insertItems(orderId, []) failed: ${error instanceof Error ? error.message : String(error)}\n` +
          `With no item there is nothing to store: return before building the statement (a multi-row INSERT with no (...) group after VALUES is not SQL; a loop over no item sends nothing).\n${exercise}`,
      );
    });
    expect(
      statements.map((statement) => statement.sql),
      `insertItems(orderId, []) has nothing to store: it should send no statement (a loop over no item sends none; a multi-row INSERT with no row would be a syntax error).\n${exercise}`,
    ).toEqual([]);
  });

  it('refuses the items of an order that is not stored (the foreign key), instead of dropping them silently', async () => {
    await assertProperty(
      fc.asyncProperty(objectId(), orderItems(), async (orderId, items) => {
        await db.reset();
        await expect(
          dal.insertItems(orderId, items),
          `No order ${orderId} is stored: the foreign key must refuse its items, and insertItems must let that error through. ` +
            `INSERT IGNORE turns the error into a warning and drops the rows without a word.\n${lesson.paragraph('Exercise 5.3', 'Idempotent under redelivery')}`,
        ).rejects.toThrow(/foreign key/i);
        expect(await selectItems(orderId)).toEqual([]);
      }),
    );
  });

  it('runs on the connection it is given: inside a transaction that rolls back, it leaves nothing', async () => {
    await db.reset();
    await arrangeOrders(someOrder);
    const connection = await db.pool.getConnection();
    try {
      await connection.beginTransaction();
      await dal.insertItems(someOrder.order_id, someItems, connection);
      await connection.rollback();
    } finally {
      connection.release();
    }
    expect(
      await selectItems(someOrder.order_id),
      `insertItems(orderId, items, connection) ran in a transaction that was then rolled back: no item may be left. ` +
        `They are, so the INSERT ran on another connection (getPool()), which commits at once: use db.execute(...).\n${lesson.paragraph('Exercise 5.2', 'The `db` argument')}`,
    ).toEqual([]);
  });

  it('fails when its statement fails, and gives its connection back', async () => {
    await db.reset();
    await arrangeOrders(someOrder);
    await whenItFails('OrderDAL.insertItems', () => dal.insertItems(someOrder.order_id, someItems));
  });
});
