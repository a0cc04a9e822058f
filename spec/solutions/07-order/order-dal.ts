/** Reference solution, exercises 5.2 and 5.3. */
import type { ResultSetHeader } from 'mysql2';
import { getPool, withTransaction, type Pool, type PoolConnection } from '../../../harness/db/pool.ts';
import { ORDER_COLUMNS, ORDER_ITEM_FIELDS, type OrderCancellation, type OrderItemRow, type OrderRow } from '../../../harness/events/order.ts';

export type { OrderCancellation, OrderItemRow, OrderRow };

export type Db = Pool | PoolConnection;

// On a duplicate, only the lifecycle moves, and only from an event at least as new as the row's
// (>=: of two events with the same time, the one delivered later wins).
// event_timestamp is guarded too (an older event must not set it back) and assigned last: the
// server assigns left to right, and the IFs above compare with the row's value.
const INSERT_ORDER = `
  INSERT INTO orders
    (order_id, order_number, customer_id, customer_email, customer_name,
     status, payment_method, payment_status,
     shipping_city, shipping_state, shipping_zip_code, shipping_country,
     subtotal, tax, shipping_cost, discount, total, currency,
     placed_at, paid_at, shipped_at, delivered_at, cancelled_at, cancel_reason,
     created_at, updated_at, event_id, event_timestamp)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON DUPLICATE KEY UPDATE
    status          = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(status), status),
    payment_status  = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(payment_status), payment_status),
    paid_at         = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(paid_at), paid_at),
    shipped_at      = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(shipped_at), shipped_at),
    delivered_at    = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(delivered_at), delivered_at),
    cancelled_at    = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(cancelled_at), cancelled_at),
    cancel_reason   = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(cancel_reason), cancel_reason),
    updated_at      = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(updated_at), updated_at),
    event_id        = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(event_id), event_id),
    event_timestamp = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(event_timestamp), event_timestamp)`;

// The same rule as the upsert's: a cancel older than the row's last event changes nothing (it
// still finds the order), a tie goes to the cancel (delivered later). Each column compares with
// the row's event_timestamp, which is written last.
const CANCEL_ORDER = `
  UPDATE orders
     SET status          = IF(? >= event_timestamp, 'cancelled', status),
         cancelled_at    = IF(? >= event_timestamp, ?, cancelled_at),
         cancel_reason   = IF(? >= event_timestamp, ?, cancel_reason),
         updated_at      = IF(? >= event_timestamp, ?, updated_at),
         event_id        = IF(? >= event_timestamp, ?, event_id),
         event_timestamp = IF(? >= event_timestamp, ?, event_timestamp)
   WHERE order_number = ?`;

const ITEM_PLACEHOLDERS = '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/** One statement for the whole order: a (...) group per item. */
const insertItemsSql = (count: number) => `
  INSERT INTO order_items
    (order_id, item_id, product_id, variant_key, quantity, unit_price, line_total,
     snapshot_name, snapshot_sku, snapshot_image_url, snapshot_supplier_id, snapshot_category)
  VALUES ${Array.from({ length: count }, () => ITEM_PLACEHOLDERS).join(', ')}
  ON DUPLICATE KEY UPDATE item_id = item_id`;

export class OrderDAL {
  transaction<T>(work: (connection: PoolConnection) => Promise<T>): Promise<T> {
    return withTransaction(work);
  }

  async upsertOrder(order: OrderRow, db: Db = getPool()): Promise<void> {
    await db.execute(INSERT_ORDER, ORDER_COLUMNS.map((column) => order[column]));
  }

  async cancelOrder(cancellation: OrderCancellation, db: Db = getPool()): Promise<boolean> {
    const { order_number, cancel_reason, cancelled_at, event_id, event_timestamp } = cancellation;
    const at = event_timestamp;
    const [result] = await db.execute<ResultSetHeader>(CANCEL_ORDER, [
      at, at, cancelled_at, at, cancel_reason, at, cancelled_at, at, event_id, at, event_timestamp, order_number,
    ]);
    // affectedRows counts the rows the WHERE found (mysql2 connects with FOUND_ROWS), changed or not
    return result.affectedRows > 0;
  }

  async insertItems(orderId: string, items: readonly OrderItemRow[], db: Db = getPool()): Promise<void> {
    if (items.length === 0) return;
    const values = items.flatMap((item) => [orderId, ...ORDER_ITEM_FIELDS.map((field) => item[field])]);
    await db.execute(insertItemsSql(items.length), values);
  }
}
