/**
 * Exercise 5.2 (DAL): OrderDAL.upsertOrder and OrderDAL.cancelOrder against a real database,
 * checked with generated orders. Each method is tested on its own: rows a test needs beforehand
 * are inserted by the harness's own SQL.
 * Run: npm test -- katas/07-order/5.2
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterRevisions, increasingDateTimes, orderCancellation, orderNumber, orderRevisions, orderRow } from '../../harness/events/order.arbitraries.ts';
import { ORDER_COLUMNS, ORDER_LIFECYCLE_COLUMNS, ORDER_MONEY_TYPES, type OrderCancellation, type OrderRow } from '../../harness/events/order.ts';
import { assertReleasesOnFailure } from '../../harness/testing/connection-leaks.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import { explainingOutOfRange } from '../../harness/testing/out-of-range.ts';
import { assertProperty } from '../../harness/testing/properties.ts';
import { assertSentAsParameters, type SentStatement } from '../../harness/testing/statements.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { tables } from './tables.ts';
import { OrderDAL } from './order-dal.ts';

const lesson = lessonFor('07-order');
// Generated orders carry totals up to 9,999,999,999.99: a money column typed too narrow in 5.1's
// tables.ts is refused by the server, here explained instead of its bare "Out of range".
const narrowMoney = { kata: '07-order', types: ORDER_MONEY_TYPES, pointer: lesson.paragraph('3. Schema deep dive', 'Money is `DECIMAL`') };
const db = explainingOutOfRange(useKataDatabase({ kata: '07-order', tables: () => tables, requires: { tables: ['orders', 'order_items'], exercise: '5.1' } }), narrowMoney);
const dal = explainingOutOfRange(new OrderDAL(), narrowMoney);
const placeholders = lesson.paragraph('Exercise 5.2', 'Placeholders, never pasted values');
const dbArgument = lesson.paragraph('Exercise 5.2', 'The `db` argument');
const newestWins = lesson.paragraph('Exercise 5.2', 'The newest event wins');
const ties = lesson.paragraph('Exercise 5.2', 'A tie goes to the event delivered later');
const olderCancel = lesson.paragraph('Exercise 5.2', 'An older cancel changes nothing');

const selectOrder = (orderId: string) => db.select<OrderRow>('orders', ORDER_COLUMNS, { order_id: orderId });
const selectOrders = () => db.select<OrderRow>('orders', ORDER_COLUMNS);
/** How rows of `orders` are compared: column by column, in the table's order. */
const orders = (why: string, pointer = lesson.exercise('5.2')) => ({ columns: ORDER_COLUMNS, table: 'orders', why, pointer });
/** A statement that fails: the test makes the database refuse writes while the method runs. */
const whenItFails = (what: string, call: () => Promise<unknown>) =>
  db.whileWritesFail(() => assertReleasesOnFailure(db.pool, what, call, 'the test made the database refuse writes for a moment'));
/** One generated order (always the same), for the tests that need just one; its last event is of 2026-03-14. */
const someOrder = { ...fc.sample(orderRow(), { numRuns: 1, seed: 7 })[0]!, event_timestamp: '2026-03-14 09:26:53.750000' };
/** A cancellation of someOrder, from a later event (2026-03-16). */
const someCancellation = (seed: number): OrderCancellation => ({
  ...fc.sample(orderCancellation(), { numRuns: 1, seed })[0]!,
  order_number: someOrder.order_number,
  event_timestamp: '2026-03-16 08:00:00.000002',
});

/**
 * Stored orders whose last event came before the cancellation's, as in life: the order was placed
 * (and maybe moved on), then a cancel arrived. `rows` share one time, older than the cancel's; the
 * cancellation names one of them (`doomed`) by its number, so that a counterexample shows the very
 * request the test sent.
 */
const ordersThenCancel = (rows: fc.Arbitrary<OrderRow[]>) =>
  fc.tuple(rows, fc.nat(), orderCancellation(), increasingDateTimes(2)).map(([generated, pick, cancellation, [before, after]]) => {
    const stored = generated.map((row) => ({ ...row, event_timestamp: before! }));
    const doomed = stored[pick % stored.length]!;
    return { rows: stored, doomed, cancellation: { ...cancellation, order_number: doomed.order_number, event_timestamp: after! } };
  });
/** A stored order and a cancellation of it (its number), for the tests that then set the times. */
const orderAndItsCancel = () =>
  fc.tuple(orderRow(), orderCancellation()).map(([row, cancellation]) => ({ row, cancellation: { ...cancellation, order_number: row.order_number } }));

/**
 * The columns an upsert's ON DUPLICATE KEY UPDATE assigns after event_timestamp ([] when it comes
 * last, or is not assigned): the server assigns left to right, so a guard after it reads the new time.
 */
function assignedAfterTheTime(statements: readonly SentStatement[]): string[] {
  for (const statement of statements) {
    const list = /ON\s+DUPLICATE\s+KEY\s+UPDATE([\s\S]*)$/i.exec(statement.sql)?.[1];
    if (!list) continue;
    const assigned = [...list.matchAll(/(?:^|,)\s*`?(\w+)`?\s*=/g)].map((match) => match[1]!);
    const at = assigned.indexOf('event_timestamp');
    if (at >= 0 && at < assigned.length - 1) return assigned.slice(at + 1);
  }
  return [];
}

/** Whether the upsert guards its other columns but assigns event_timestamp its new value without a guard. */
function timeUnguarded(statements: readonly SentStatement[]): boolean {
  return statements.some((statement) => {
    const list = /ON\s+DUPLICATE\s+KEY\s+UPDATE([\s\S]*)$/i.exec(statement.sql)?.[1];
    const assignment = list && /(?:^|,)\s*`?event_timestamp`?\s*=([\s\S]*)$/i.exec(list)?.[1];
    if (!list || typeof assignment !== 'string' || /^\s*(IF|GREATEST|CASE)\b/i.test(assignment)) return false;
    // every other lifecycle column guarded, the time not: with another one unguarded, "the newest event wins" says it
    const assigns = (column: string, guarded: string) => new RegExp(`(?:^|,)\\s*\`?${column}\`?\\s*=${guarded}`, 'i').test(list);
    return ORDER_LIFECYCLE_COLUMNS.every((column) => column === 'event_timestamp' || !assigns(column, '') || assigns(column, '\\s*(IF|GREATEST|CASE)\\b'));
  });
}

/** The why and pointer for an older event that moved the row: the time assigned first, or unguarded, when the SQL shows it. */
function olderEventMoved(statements: readonly SentStatement[], why: string) {
  const after = assignedAfterTheTime(statements);
  if (after.length === 0 && timeUnguarded(statements)) {
    return orders(
      `${why}\nIts ON DUPLICATE KEY UPDATE sets event_timestamp to the new event's time without a guard: an older event sets the row's time back, ` +
        `and the next event is judged against the wrong time. Guard it like the others, IF(VALUES(event_timestamp) >= event_timestamp, ...), last.`,
      lesson.paragraph('Exercise 5.2', '`event_timestamp` is guarded too, and comes last'),
    );
  }
  if (after.length === 0) return orders(why, newestWins);
  return orders(
    `${why}\nIts ON DUPLICATE KEY UPDATE assigns event_timestamp before ${after.slice(0, 4).join(', ')}${after.length > 4 ? ', ...' : ''}: the server assigns left to right, ` +
      `so every guard after it compares the new time with itself, and an older event moves the order back. Assign event_timestamp last.`,
    lesson.paragraph('Exercise 5.2', '`event_timestamp` is guarded too, and comes last'),
  );
}

/** Runs fn on a connection in a transaction that is then rolled back. */
async function inRolledBackTransaction(fn: (connection: Awaited<ReturnType<typeof db.pool.getConnection>>) => Promise<unknown>): Promise<void> {
  const connection = await db.pool.getConnection();
  try {
    await connection.beginTransaction();
    await fn(connection);
    await connection.rollback();
  } finally {
    connection.release();
  }
}

/** The row after a cancel: the lifecycle the cancel writes, the rest as it was. */
const cancelledRow = (row: OrderRow, cancellation: OrderCancellation): OrderRow => ({
  ...row,
  status: 'cancelled',
  cancelled_at: cancellation.cancelled_at,
  cancel_reason: cancellation.cancel_reason,
  updated_at: cancellation.cancelled_at,
  event_id: cancellation.event_id,
  event_timestamp: cancellation.event_timestamp,
});

describe('Exercise 5.2: OrderDAL.upsertOrder', () => {
  it('stores all 28 columns exactly as given (money as exact text), each in its own column', async () => {
    await assertProperty(
      fc.asyncProperty(orderRow(), async (row) => {
        await db.reset();
        await dal.upsertOrder(row);
        expect(await selectOrder(row.order_id)).toEqualRows(
          [row],
          orders('SELECT after upsertOrder(row) should return exactly that row; a value in the wrong column means the column list and the values are not in the same order.'),
        );
      }),
    );
  });

  it('is idempotent: the same upsert applied twice leaves one identical row', async () => {
    await assertProperty(
      fc.asyncProperty(orderRow(), async (row) => {
        await db.reset();
        await dal.upsertOrder(row);
        await dal.upsertOrder(row);
        expect(await selectOrder(row.order_id)).toEqualRows([row], orders('Storing the same event twice must leave one row, unchanged.'));
      }),
    );
  });

  it('a later event moves the lifecycle and nothing else: the order number, customer, address, money and times of placing stay', async () => {
    await assertProperty(
      fc.asyncProperty(orderRevisions(), async ({ earlier, later }) => {
        await db.reset();
        await db.insert('orders', [earlier]);
        await dal.upsertOrder(later);
        expect(await selectOrder(earlier.order_id)).toEqualRows(
          [afterRevisions(earlier, later)],
          orders(
            'With the order stored, upsertOrder(later) (a newer event, whose other columns differ on purpose) should move only the ten lifecycle columns ' +
              '(status, payment_status, paid_at, shipped_at, delivered_at, cancelled_at, cancel_reason, updated_at, event_id, event_timestamp) and keep every other column as stored.',
            lesson.paragraph('Exercise 5.2', 'Which columns an upsert may move'),
          ),
        );
      }),
    );
  });

  it('an older event changes nothing: the row keeps the newest event\'s lifecycle, event_timestamp included', async () => {
    await assertProperty(
      fc.asyncProperty(orderRevisions({ sameFacts: true }), async ({ earlier, later }) => {
        await db.reset();
        await db.insert('orders', [later]);
        const { statements } = await db.sent(() => dal.upsertOrder(earlier));
        expect(await selectOrder(later.order_id)).toEqualRows(
          [later],
          olderEventMoved(
            statements,
            `The row holds an event of ${later.event_timestamp}; upsertOrder(earlier) brings one of ${earlier.event_timestamp}, older: every lifecycle column, ` +
              'event_timestamp included, must stay as it is (IF(VALUES(event_timestamp) >= event_timestamp, ..., ...), event_timestamp last).',
          ),
        );
      }),
    );
  });

  it('two events of one order give the same row in either order of delivery', async () => {
    await assertProperty(
      fc.asyncProperty(orderRevisions({ sameFacts: true }), async ({ earlier, later }) => {
        await db.reset();
        await dal.upsertOrder(earlier);
        await dal.upsertOrder(later);
        const inOrder = await selectOrder(earlier.order_id);
        await db.reset();
        await dal.upsertOrder(later);
        const { statements } = await db.sent(() => dal.upsertOrder(earlier));
        expect(await selectOrder(earlier.order_id)).toEqualRows(
          inOrder,
          olderEventMoved(statements, 'upsertOrder(later) then upsertOrder(earlier) must leave the same row as earlier then later: the newest event wins, whatever the order of delivery.'),
        );
        expect(inOrder).toEqualRows([afterRevisions(earlier, later)], orders('In order, the later event\'s lifecycle.'));
      }),
    );
  });

  it('a different event with the same time as the row\'s wins: a tie goes to the event delivered later (>=, not >)', async () => {
    await assertProperty(
      fc.asyncProperty(orderRevisions({ sameFacts: true }), async ({ earlier, later }) => {
        const sameTime = { ...later, event_timestamp: earlier.event_timestamp };
        await db.reset();
        await db.insert('orders', [earlier]);
        await dal.upsertOrder(sameTime);
        expect(await selectOrder(earlier.order_id)).toEqualRows(
          [afterRevisions(earlier, sameTime)],
          orders(
            `The row holds event ${earlier.event_id} of ${earlier.event_timestamp}; upsertOrder brings another event (${sameTime.event_id}) with the SAME time, delivered later. ` +
              'A tie goes to the event delivered later: the guard is VALUES(event_timestamp) >= event_timestamp, not >. With >, the first of two events of one instant ' +
              '(an order paid and delivered by one backend step) would stick, and the later one would be lost.',
            ties,
          ),
        );
      }),
    );
  });

  it('sends all 28 values as ? parameters, never inside the SQL text', async () => {
    await assertProperty(
      fc.asyncProperty(orderRow(), async (row) => {
        await db.reset();
        const { statements } = await db.sent(() => dal.upsertOrder(row));
        assertSentAsParameters('OrderDAL.upsertOrder', statements, row, placeholders);
      }),
    );
  });

  it('runs on the connection it is given: inside a transaction that rolls back, it leaves nothing', async () => {
    await db.reset();
    await inRolledBackTransaction((connection) => dal.upsertOrder(someOrder, connection));
    expect(
      await selectOrder(someOrder.order_id),
      `upsertOrder(order, connection) ran in a transaction that was then rolled back: the row must not be there. ` +
        `It is, so the INSERT ran on another connection (getPool()), which commits at once: use db.execute(...).\n${dbArgument}`,
    ).toEqual([]);
  });

  it('fails when its statement fails, and gives its connection back', async () => {
    await whenItFails('OrderDAL.upsertOrder', () => dal.upsertOrder(someOrder));
  });
});

describe('Exercise 5.2: OrderDAL.cancelOrder', () => {
  const foundParagraph = lesson.paragraph('Exercise 5.2', 'A method that says whether it found the order');
  /** cancelOrder's answer is a boolean: undefined (a missing return), a number or the driver's result object get their own words. */
  const expectAnAnswer = (found: unknown) => {
    if (typeof found === 'boolean') return;
    throw new Error(
      `cancelOrder returned ${found === undefined ? 'undefined' : typeof found === 'object' ? 'an object (the driver\'s result?)' : JSON.stringify(found)}, not true or false: ` +
        (found === undefined ? 'a `return` is missing (return result.affectedRows > 0;).' : 'return whether the WHERE found a row: result.affectedRows > 0.') +
        `\n${foundParagraph}`,
    );
  };
  it('cancels the order with that number, with the cancellation\'s values, leaves the others, and returns true', async () => {
    await assertProperty(
      fc.asyncProperty(
        ordersThenCancel(
          fc.uniqueArray(orderRow(), { minLength: 1, maxLength: 4, selector: (row) => row.order_number }).filter((rows) => new Set(rows.map((row) => row.order_id)).size === rows.length),
        ),
        async ({ rows, doomed, cancellation: request }) => {
          await db.reset();
          await db.insert('orders', rows);
          const found = await dal.cancelOrder(request);
          expect(await selectOrders()).toEqualRows(
            rows.map((row) => (row === doomed ? cancelledRow(row, request) : row)),
            orders(
              `cancelOrder({ order_number: ${JSON.stringify(doomed.order_number)}, ... }), from an event newer than the order's, should set status 'cancelled', ` +
                `cancelled_at and updated_at (both the cancellation's cancelled_at), cancel_reason, event_id and event_timestamp on the order WITH THAT NUMBER ` +
                `(WHERE order_number = ?), and touch no other order.`,
              lesson.paragraph('Exercise 5.2', 'Cancel by the business key'),
            ),
          );
          expectAnAnswer(found);
          expect(found, `cancelOrder found the order: it should return true.\n${foundParagraph}`).toBe(true);
        },
      ),
    );
  });

  it('returns true again when the same cancel is delivered twice, and the row stays as the first left it', async () => {
    await assertProperty(
      fc.asyncProperty(ordersThenCancel(orderRow().map((row) => [row])), async ({ rows: [row], cancellation: request }) => {
        await db.reset();
        await db.insert('orders', [row!]);
        await dal.cancelOrder(request);
        const again = await dal.cancelOrder(request);
        expectAnAnswer(again);
        expect(
          again,
          `A redelivered cancel finds the order (already cancelled, with the same values: nothing changes) and must still return true: count the rows the WHERE found ` +
            `(result.affectedRows), not the rows whose values changed (result.changedRows).\n${foundParagraph}`,
        ).toBe(true);
        expect(await selectOrder(row!.order_id)).toEqualRows([cancelledRow(row!, request)], orders('The same cancel twice leaves the same row.'));
      }),
    );
  });

  it('an older cancel changes nothing, event_timestamp included, and still returns true (the order exists)', async () => {
    await assertProperty(
      fc.asyncProperty(
        fc.tuple(orderAndItsCancel(), increasingDateTimes(2)).map(([{ row, cancellation }, [older, newer]]) => ({
          row: { ...row, event_timestamp: newer! },
          request: { ...cancellation, event_timestamp: older! },
        })),
        async ({ row, request }) => {
          await db.reset();
          await db.insert('orders', [row]);
          const { result: found, statements } = await db.sent(() => dal.cancelOrder(request));
          expect(await selectOrders()).toEqualRows(
            [row],
            orders(
              `The row holds an event of ${row.event_timestamp}; the cancel's event is of ${request.event_timestamp}, older (delivered late: a producer's retry, a replayed backlog). ` +
                'An older event never moves the order back: not its status, not its times, and not event_timestamp, or the next event would be judged against the wrong time. ' +
                'Guard each column the UPDATE sets as the upsert does, IF(? >= event_timestamp, new value, column), event_timestamp last.',
              olderCancel,
            ),
          );
          // false has two causes: the guard in the WHERE (no row found), or changedRows counted (the row found, nothing changed)
          const guardInWhere = statements.some((statement) => /\bWHERE\b[\s\S]*\bevent_timestamp\b/i.test(statement.sql));
          expectAnAnswer(found);
          expect(
            found,
            `The order with that number exists, so cancelOrder must return true even though the older cancel changed nothing: false would send a stale but known cancel ` +
              `to the dead letters as "no such order". ` +
              (guardInWhere
                ? `Its UPDATE tests event_timestamp in the WHERE, so the older cancel finds no row: keep the guard in SET, not in WHERE.\n${olderCancel}`
                : `Its WHERE has no time guard, as it should, so the row was there to find: return whether the WHERE found it (result.affectedRows > 0), ` +
                  `not whether its values changed (result.changedRows, 0 for a cancel that changes nothing).\n` +
                  `${foundParagraph}`),
          ).toBe(true);
        },
      ),
    );
  });

  it('a cancel with the same time as the row\'s event cancels it: a tie goes to the event delivered later (>=, not >)', async () => {
    await assertProperty(
      fc.asyncProperty(orderAndItsCancel().map(({ row, cancellation }) => ({ row, request: { ...cancellation, event_timestamp: row.event_timestamp } })), async ({ row, request }) => {
        await db.reset();
        await db.insert('orders', [row]);
        await dal.cancelOrder(request);
        const found = await selectOrder(row.order_id);
        // the tie went the cancel's way (the row is cancelled): what differs is a value, not the guard
        const applied = found[0]?.status === 'cancelled';
        expect(found).toEqualRows(
          [cancelledRow(row, request)],
          applied
            ? orders(
                `The cancel won the tie (the row is cancelled), but the row does not hold the cancellation's values: see the ✗ columns ` +
                  `(cancelled_at and updated_at are the cancellation's cancelled_at, the event's time, never the clock; event_id and event_timestamp are the cancel's).`,
              )
            : orders(
                `The row's event and the cancel's have the same time (${row.event_timestamp}); the cancel was delivered later, so it wins the tie: compare with >=, not > ` +
                  '(a fraud check that cancels an order in the instant it is placed).',
                ties,
              ),
        );
      }),
    );
  });

  it('returns false, and changes nothing, for an order number nobody has', async () => {
    await assertProperty(
      fc.asyncProperty(orderRow(), orderNumber(), orderCancellation(), async (row, unknown, cancellation) => {
        fc.pre(unknown !== row.order_number);
        await db.reset();
        await db.insert('orders', [row]);
        const found = await dal.cancelOrder({ ...cancellation, order_number: unknown });
        expect(await selectOrders()).toEqualRows([row], orders(`cancelOrder for ${JSON.stringify(unknown)}, a number no order has, must change nothing.`));
        expectAnAnswer(found);
        expect(found, `No order has that number: cancelOrder must return false (result.affectedRows is 0).\n${foundParagraph}`).toBe(false);
      }),
    );
  });

  it('sends the number and the cancellation\'s values as ? parameters, never inside the SQL text', async () => {
    await assertProperty(
      fc.asyncProperty(ordersThenCancel(orderRow().map((row) => [row])), async ({ rows: [row], cancellation: request }) => {
        await db.reset();
        await db.insert('orders', [row!]);
        const { statements } = await db.sent(() => dal.cancelOrder(request));
        assertSentAsParameters('OrderDAL.cancelOrder', statements, request, placeholders);
      }),
    );
  });

  it('runs on the connection it is given: inside a transaction that rolls back, it changes nothing', async () => {
    await db.reset();
    await db.insert('orders', [someOrder]);
    await inRolledBackTransaction((connection) => dal.cancelOrder(someCancellation(8), connection));
    expect(await selectOrder(someOrder.order_id)).toEqualRows(
      [someOrder],
      orders(
        'cancelOrder(cancellation, connection) ran in a transaction that was then rolled back: the order must be as before. It is cancelled, so the UPDATE ran on another connection (getPool()): use db.execute(...).',
        dbArgument,
      ),
    );
  });

  it('fails when its statement fails, and gives its connection back', async () => {
    await whenItFails('OrderDAL.cancelOrder', () => dal.cancelOrder(someCancellation(9)));
  });
});
