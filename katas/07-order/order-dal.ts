/**
 * Exercises 5.2 and 5.3 (DAL): the data-access layer of `orders` and `order_items`.
 *
 * Same tools as before: execute(sql, values) with one ? per value, never values pasted into the
 * SQL text. New here: each method runs its SQL on `db`, its last argument. The consumer (5.4)
 * opens ONE transaction with this.dal.transaction(...) and hands its connection to upsertOrder
 * and insertItems, so that an order and its items are stored together or not at all. Called
 * without a `db`, a method runs on the pool, on its own, as in the earlier katas.
 *
 * Check yourself with: npm test -- katas/07-order/5.2   and   npm test -- katas/07-order/5.3
 */
import { getPool, withTransaction, type Pool, type PoolConnection } from '../../harness/db/pool.ts';
import { notImplemented } from '../../harness/not-started.ts';
import type { OrderCancellation, OrderItemRow, OrderRow } from '../../harness/events/order.ts';

export type { OrderCancellation, OrderItemRow, OrderRow };

/** Where a statement runs: the pool (a connection of its own, committed at once), or the connection of an open transaction. */
export type Db = Pool | PoolConnection;

export class OrderDAL {
  /**
   * Already done: runs `work` inside one transaction (withTransaction in harness/db/pool.ts) and
   * hands it the transaction's connection. COMMIT when `work` resolves; ROLLBACK, and the error
   * passed on, when it throws: then none of its statements leaves a trace.
   *
   *   await this.dal.transaction(async (connection) => {
   *     await this.dal.someMethod(..., connection);   // every statement on THAT connection
   *   });
   */
  transaction<T>(work: (connection: PoolConnection) => Promise<T>): Promise<T> {
    return withTransaction(work);
  }

  /**
   * Exercise 5.2. Inserts the order; when it is stored already, moves its lifecycle forward and
   * nothing else: a SELECTIVE upsert.
   *
   * SQL pattern: INSERT INTO orders (...28 columns...) VALUES (?, ... 28 ...) ON DUPLICATE KEY UPDATE ...
   *  - insert all 28 columns of `order`, in the table's column order;
   *  - on a duplicate, update ONLY the 10 lifecycle columns (ORDER_LIFECYCLE_COLUMNS in
   *    harness/events/order.ts): status, payment_status, paid_at, shipped_at, delivered_at,
   *    cancelled_at, cancel_reason, updated_at, event_id, event_timestamp. The rest (order number,
   *    customer, address, money, placed_at, created_at) was fixed when the order was placed;
   *  - and only from an event that is not older than the row's: each of those columns becomes
   *    IF(VALUES(event_timestamp) >= event_timestamp, VALUES(column), column), event_timestamp
   *    included, and event_timestamp LAST in the list (the server assigns left to right: an IF
   *    after a plain event_timestamp = VALUES(event_timestamp) would compare it with itself);
   *  - >=, not >: of two different events with the same time, the one delivered later wins.
   * Every statement on `db`.
   */
  async upsertOrder(order: OrderRow, db: Db = getPool()): Promise<void> {
    throw notImplemented('07-order', '5.2', 'OrderDAL.upsertOrder');
  }

  /**
   * Exercise 5.2. Cancels the order that has this order NUMBER: the business key, not order_id.
   *
   * SQL pattern: UPDATE orders SET status = ..., cancelled_at = ..., cancel_reason = ...,
   *                updated_at = ..., event_id = ..., event_timestamp = ... WHERE order_number = ?
   *  - status becomes 'cancelled'; cancelled_at AND updated_at take cancellation.cancelled_at:
   *    the time the event gives, never the clock of this machine or of the server;
   *  - the newest event wins here too: each of those columns becomes
   *    IF(? >= event_timestamp, <new value>, column), each ? there being
   *    cancellation.event_timestamp, event_timestamp LAST. A cancel older than the row's event
   *    changes nothing (not even event_timestamp); one with the same time wins (delivered later).
   *    The guard goes in SET, not in WHERE: an older cancel must still FIND its order;
   *  - returns true when an order has this number (even when a redelivered or older cancel
   *    changed nothing), false when none has, and then nothing changed. execute() tells you:
   *      const [result] = await db.execute<ResultSetHeader>(sql, values);   // ResultSetHeader from 'mysql2'
   *      result.affectedRows   // the rows the WHERE matched
   * Every statement on `db`.
   */
  async cancelOrder(cancellation: OrderCancellation, db: Db = getPool()): Promise<boolean> {
    throw notImplemented('07-order', '5.2', 'OrderDAL.cancelOrder');
  }

  /**
   * Exercise 5.3. Stores the order's items: one single-row INSERT per item, in a loop.
   *
   * SQL pattern, for each item (for (const item of items) await db.execute(...)):
   *   INSERT INTO order_items (order_id, item_id, product_id, variant_key, quantity, unit_price,
   *     line_total, snapshot_name, snapshot_sku, snapshot_image_url, snapshot_supplier_id, snapshot_category)
   *   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
   *   ON DUPLICATE KEY UPDATE item_id = item_id
   *  - `id` is not in the list: the server numbers the rows (AUTO_INCREMENT);
   *  - idempotent: Kafka may deliver the order again; the items already stored stay as they are
   *    (an order's items never change), so a redelivery leaves exactly the same rows;
   *  - each INSERT awaited (for ... of, not items.forEach(async ...), which does not wait);
   *    an empty `items` sends nothing;
   *  - an item of an order that is not stored is refused by the foreign key: let the error through.
   * Every statement on `db`.
   * Then, the step up (advanced challenge 1, not graded): ALL the items in ONE multi-row INSERT,
   * VALUES (...), (...), ... with one group of 12 ? per item; check it with
   * npm run bench:items -- --check.
   */
  async insertItems(orderId: string, items: readonly OrderItemRow[], db: Db = getPool()): Promise<void> {
    throw notImplemented('07-order', '5.3', 'OrderDAL.insertItems');
  }
}
