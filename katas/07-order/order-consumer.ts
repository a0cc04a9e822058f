/**
 * Exercise 5.4 (Consumer): turns order events into rows of `orders` and `order_items`, through
 * OrderDAL.
 *
 * One order becomes one `orders` row and one `order_items` row per item, written by ONE handler in
 * ONE transaction: either the order and all its items are stored, or nothing is. Each item's
 * nested product_snapshot is flattened into its snapshot_* columns. A cancellation names the order
 * by its number. The full flattening map is in katas/07-order/README.md, "4. The flattening map".
 *
 * Check yourself with: npm test -- katas/07-order/5.4
 */
import { EventType, type EventEnvelope, type HandlerMap } from '../../harness/events/contract.ts';
import type { OrderCancelledData, OrderDocument } from '../../harness/events/order.ts';
import type { SqlDateTime } from '../../harness/events/user.ts';
import { notImplemented } from '../../harness/not-started.ts';
import { UserConsumer } from '../01-user/user-consumer.ts';
import { OrderDAL, type OrderItemRow, type OrderRow } from './order-dal.ts';

export type { OrderItemRow, OrderRow };

/** Your timestamp parser from kata 01 (exercise 5.3), reused rather than written twice. */
const kata01 = new UserConsumer();

export class OrderConsumer {
  private readonly dal: OrderDAL;

  constructor(dal: OrderDAL = new OrderDAL()) {
    this.dal = dal;
  }

  /** Already done: ISO 8601 text -> 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC, with your kata 01 parser. */
  parseTimestamp(value: string): SqlDateTime;
  parseTimestamp(value: string | null | undefined): SqlDateTime | null;
  parseTimestamp(value: string | null | undefined): SqlDateTime | null {
    return kata01.parseTimestamp(value);
  }

  /**
   * Handles order.created: the order and its items, in ONE transaction.
   *
   *   await this.dal.transaction(async (connection) => {
   *     await this.dal.upsertOrder(order, connection);
   *     await this.dal.insertItems(orderId, items, connection);
   *   });
   *
   * Both calls get the transaction's `connection` (a call without it runs outside the transaction,
   * and its row stays even when the other fails); the order comes first (each item row points at
   * it: the foreign key); nothing catches the error (the transaction rolls back, the handler
   * rejects, the framework retries and then dead-letters the event).
   *
   * 1. The OrderRow:
   *      order_id                  <- event.entity_id
   *      order_number, status      <- data.<same name>
   *      customer_id               <- data.customer.user_id
   *      customer_email            <- data.customer.email
   *      customer_name             <- data.customer.name               (may be missing: null)
   *      payment_method            <- data.payment.method
   *      payment_status            <- data.payment.status
   *      shipping_city, shipping_state, shipping_zip_code, shipping_country
   *                                <- data.shipping_address.city, .state, .zip_code, .country
   *                                   (shipping_address may be missing or null; state too: null)
   *      subtotal, tax, discount, total, currency <- data.totals.<same name>   (money: the text as it is)
   *      shipping_cost             <- data.totals.shipping
   *      placed_at, created_at, updated_at <- data.<same name>         (parseTimestamp)
   *      paid_at, shipped_at, delivered_at, cancelled_at <- data.<same name>   (parseTimestamp; missing: null)
   *      cancel_reason             <- data.cancel_reason               (may be missing: null)
   *      event_id                  <- event.event_id
   *      event_timestamp           <- event.timestamp                  (parseTimestamp)
   *
   * 2. One OrderItemRow per element of data.items, each from ITS OWN item:
   *      item_id, product_id, quantity, unit_price, line_total <- item.<same name>
   *      variant_key               <- item.variant_key                 (may be missing: null)
   *      snapshot_name, snapshot_sku <- item.product_snapshot.name, .sku
   *      snapshot_image_url, snapshot_supplier_id, snapshot_category
   *                                <- item.product_snapshot.image_url, .supplier_id, .category  (may be missing: null)
   */
  async handleOrderCreated(event: EventEnvelope<OrderDocument>): Promise<void> {
    throw notImplemented('07-order', '5.4', 'OrderConsumer.handleOrderCreated');
  }

  /**
   * Handles order.status_changed: the whole order again (new status, its time set), so the same
   * as created, items included. The selective upsert moves only the lifecycle, and insertItems
   * leaves the stored items as they are; but when a status change arrives before its
   * order.created, it is the one that stores the order, with all its items.
   */
  async handleOrderStatusChanged(event: EventEnvelope<OrderDocument>): Promise<void> {
    throw notImplemented('07-order', '5.4', 'OrderConsumer.handleOrderStatusChanged');
  }

  /**
   * Handles order.cancelled: calls this.dal.cancelOrder(cancellation), one statement, no
   * transaction needed:
   *      order_number              <- data.order_number   (the business key: NOT event.entity_id)
   *      cancel_reason             <- data.reason         (may be missing: null)
   *      cancelled_at              <- data.cancelled_at   (parseTimestamp)
   *      event_id                  <- event.event_id
   *      event_timestamp           <- event.timestamp     (parseTimestamp)
   * When cancelOrder returns false, no stored order has that number: throw an Error that names
   * the order number, so that the event ends on the dead-letter topic instead of vanishing.
   */
  async handleOrderCancelled(event: EventEnvelope<OrderCancelledData>): Promise<void> {
    throw notImplemented('07-order', '5.4', 'OrderConsumer.handleOrderCancelled');
  }

  /**
   * Maps EventType.ORDER_CREATED, ORDER_STATUS_CHANGED and ORDER_CANCELLED to the handlers above.
   * (As before: the framework calls each handler as a plain function, so keep `this` bound.)
   */
  getHandlers(): HandlerMap {
    throw notImplemented('07-order', '5.4', 'OrderConsumer.getHandlers');
  }
}
