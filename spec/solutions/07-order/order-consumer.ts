/** Reference solution, exercise 5.4. */
import { EventType, type EventEnvelope, type HandlerMap } from '../../../harness/events/contract.ts';
import type { OrderCancelledData, OrderDocument } from '../../../harness/events/order.ts';
import type { SqlDateTime } from '../../../harness/events/user.ts';
import { UserConsumer } from '../01-user/user-consumer.ts';
import { OrderDAL, type OrderItemRow, type OrderRow } from './order-dal.ts';

export type { OrderItemRow, OrderRow };

const kata01 = new UserConsumer();

export class OrderConsumer {
  private readonly dal: OrderDAL;

  constructor(dal: OrderDAL = new OrderDAL()) {
    this.dal = dal;
  }

  parseTimestamp(value: string): SqlDateTime;
  parseTimestamp(value: string | null | undefined): SqlDateTime | null;
  parseTimestamp(value: string | null | undefined): SqlDateTime | null {
    return kata01.parseTimestamp(value);
  }

  async handleOrderCreated(event: EventEnvelope<OrderDocument>): Promise<void> {
    const data = event.data;
    const { customer, payment, totals } = data;
    const address = data.shipping_address;
    const order: OrderRow = {
      order_id: event.entity_id,
      order_number: data.order_number,
      customer_id: customer.user_id,
      customer_email: customer.email,
      customer_name: customer.name ?? null,
      status: data.status,
      payment_method: payment.method,
      payment_status: payment.status,
      shipping_city: address?.city ?? null,
      shipping_state: address?.state ?? null,
      shipping_zip_code: address?.zip_code ?? null,
      shipping_country: address?.country ?? null,
      subtotal: totals.subtotal,
      tax: totals.tax,
      shipping_cost: totals.shipping,
      discount: totals.discount,
      total: totals.total,
      currency: totals.currency,
      placed_at: this.parseTimestamp(data.placed_at),
      paid_at: this.parseTimestamp(data.paid_at),
      shipped_at: this.parseTimestamp(data.shipped_at),
      delivered_at: this.parseTimestamp(data.delivered_at),
      cancelled_at: this.parseTimestamp(data.cancelled_at),
      cancel_reason: data.cancel_reason ?? null,
      created_at: this.parseTimestamp(data.created_at),
      updated_at: this.parseTimestamp(data.updated_at),
      event_id: event.event_id,
      event_timestamp: this.parseTimestamp(event.timestamp),
    };
    const items: OrderItemRow[] = data.items.map((item) => {
      const snapshot = item.product_snapshot;
      return {
        item_id: item.item_id,
        product_id: item.product_id,
        variant_key: item.variant_key ?? null,
        quantity: item.quantity,
        unit_price: item.unit_price,
        line_total: item.line_total,
        snapshot_name: snapshot.name,
        snapshot_sku: snapshot.sku,
        snapshot_image_url: snapshot.image_url ?? null,
        snapshot_supplier_id: snapshot.supplier_id ?? null,
        snapshot_category: snapshot.category ?? null,
      };
    });
    // one transaction: the order and its items are stored together, or not at all
    await this.dal.transaction(async (connection) => {
      await this.dal.upsertOrder(order, connection);
      await this.dal.insertItems(order.order_id, items, connection);
    });
  }

  async handleOrderStatusChanged(event: EventEnvelope<OrderDocument>): Promise<void> {
    await this.handleOrderCreated(event);
  }

  async handleOrderCancelled(event: EventEnvelope<OrderCancelledData>): Promise<void> {
    const { order_number, reason, cancelled_at } = event.data;
    const found = await this.dal.cancelOrder({
      order_number,
      cancel_reason: reason ?? null,
      cancelled_at: this.parseTimestamp(cancelled_at),
      event_id: event.event_id,
      event_timestamp: this.parseTimestamp(event.timestamp),
    });
    if (!found) {
      throw new Error(`order.cancelled names order ${order_number}, and no stored order has that number: nothing was cancelled.`);
    }
  }

  getHandlers(): HandlerMap {
    return {
      [EventType.ORDER_CREATED]: (event) => this.handleOrderCreated(event),
      [EventType.ORDER_STATUS_CHANGED]: (event) => this.handleOrderStatusChanged(event),
      [EventType.ORDER_CANCELLED]: (event) => this.handleOrderCancelled(event),
    };
  }
}
