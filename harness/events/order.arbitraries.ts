/**
 * fast-check arbitraries for the Order domain. Each generated event comes with the rows a correct
 * consumer stores for it: one `orders` row and the order's item rows. Optional fields may be
 * missing, null or present; the shipping address may be missing or null as a whole, and so may
 * each optional field of an item's product snapshot.
 */
import fc from 'fast-check';
import { EventType } from './contract.ts';
import { wrapEvent, type EventEnvelope } from './envelope.ts';
import { eventId, nested, nullable, objectId, optional, put, sqlDateTime, text, timestamp, type GeneratedTimestamp } from './arbitraries.ts';
import { sqlDateTimeUtc } from './time.ts';
import { decimalText } from './values.arbitraries.ts';
import type { OrderCancellation, OrderCancelledData, OrderDocument, OrderItemDocument, OrderItemRow, OrderRow, OrderStatus, PaymentStatus } from './order.ts';
import { ORDER_COLUMNS, ORDER_LIFECYCLE_COLUMNS } from './order.ts';

/** Column sizes of `orders` and `order_items`, shared by the generators so every value fits. */
export const ORDER_LIMITS = {
  order_number: 32, customer_email: 255, customer_name: 200, payment_method: 30,
  shipping_city: 100, shipping_state: 100, shipping_zip_code: 20, shipping_country: 2, currency: 3, cancel_reason: 500,
  item_id: 24, variant_key: 100, snapshot_name: 255, snapshot_sku: 64, snapshot_image_url: 500, snapshot_category: 100,
} as const;

/** The largest value of an INT column. */
const INT_MAX = 2_147_483_647;

export const orderStatus = (): fc.Arbitrary<OrderStatus> => fc.constantFrom('pending', 'paid', 'shipped', 'delivered', 'cancelled');
export const paymentStatus = (): fc.Arbitrary<PaymentStatus> => fc.constantFrom('pending', 'captured', 'failed', 'refunded');
const paymentMethod = (): fc.Arbitrary<string> => fc.oneof(fc.constantFrom('card', 'paypal', 'bank_transfer', 'gift_card', 'cash_on_delivery'), text(ORDER_LIMITS.payment_method, 1));
const currency = (): fc.Arbitrary<string> =>
  fc.oneof(fc.constantFrom('GBP', 'EUR', 'USD', 'JPY'), fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 3, maxLength: 3 }));
const money = () => decimalText(12, 2);

/**
 * An order number: mostly the backend's 'ORD-2026-004211873', now and then anything another
 * system could send (upper-case letters, digits, dashes, a quote, a backslash), up to 32
 * characters. Never lower case or spaces: the column's collation compares 'a' = 'A' and ignores
 * trailing spaces, so such numbers would not be distinct keys.
 */
export const orderNumber = (): fc.Arbitrary<string> => {
  const everyday = fc.integer({ min: 0, max: 999_999_999 }).map((n) => `ORD-2026-${String(n).padStart(9, '0')}`);
  const unit = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-', "'", '\\');
  const other = fc.string({ unit, minLength: 1, maxLength: ORDER_LIMITS.order_number });
  const full = fc.string({ unit, minLength: ORDER_LIMITS.order_number, maxLength: ORDER_LIMITS.order_number });
  return fc.oneof({ weight: 6, arbitrary: everyday }, { weight: 3, arbitrary: other }, { weight: 1, arbitrary: full });
};

/**
 * An item id as the backend numbers an order's lines: 'ln-01', 'ln-02', ... mostly, so that two
 * generated orders share item ids (they are unique per order, not overall), now and then any slug
 * of up to 24 lowercase letters, digits and dashes.
 */
export const itemId = (): fc.Arbitrary<string> => {
  const slugChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-');
  return fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 6 }).map((n) => `ln-0${n}`) },
    { weight: 3, arbitrary: fc.string({ unit: slugChar, minLength: 1, maxLength: 12 }) },
    { weight: 1, arbitrary: fc.string({ unit: slugChar, minLength: ORDER_LIMITS.item_id, maxLength: ORDER_LIMITS.item_id }) },
  );
};

/** A variant key: a slug ('red-xl'), up to 100 characters. */
const variantKey = (): fc.Arbitrary<string> => {
  const slugChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-');
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('red-xl', 'navy-m', 'default', '500g') },
    { weight: 2, arbitrary: fc.string({ unit: slugChar, minLength: 1, maxLength: 24 }) },
    { weight: 1, arbitrary: fc.string({ unit: slugChar, minLength: ORDER_LIMITS.variant_key, maxLength: ORDER_LIMITS.variant_key }) },
  );
};

const quantity = (): fc.Arbitrary<number> => fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 1000 }) }, { weight: 1, arbitrary: fc.constant(INT_MAX) });

/** A row as OrderDAL.upsertOrder receives it. */
export const orderRow = (): fc.Arbitrary<OrderRow> =>
  fc.record({
    order_id: objectId(),
    order_number: orderNumber(),
    customer_id: objectId(),
    customer_email: text(ORDER_LIMITS.customer_email, 1),
    customer_name: nullable(text(ORDER_LIMITS.customer_name)),
    status: orderStatus(),
    payment_method: paymentMethod(),
    payment_status: paymentStatus(),
    shipping_city: nullable(text(ORDER_LIMITS.shipping_city)),
    shipping_state: nullable(text(ORDER_LIMITS.shipping_state)),
    shipping_zip_code: nullable(text(ORDER_LIMITS.shipping_zip_code)),
    shipping_country: nullable(text(ORDER_LIMITS.shipping_country)),
    subtotal: money(),
    tax: money(),
    shipping_cost: money(),
    discount: money(),
    total: money(),
    currency: currency(),
    placed_at: sqlDateTime(),
    paid_at: nullable(sqlDateTime()),
    shipped_at: nullable(sqlDateTime()),
    delivered_at: nullable(sqlDateTime()),
    cancelled_at: nullable(sqlDateTime()),
    cancel_reason: nullable(text(ORDER_LIMITS.cancel_reason)),
    created_at: sqlDateTime(),
    updated_at: sqlDateTime(),
    event_id: eventId(),
    event_timestamp: sqlDateTime(),
  });

/** Distinct DATETIME(6) values, in increasing order: the times of an order's events, oldest first. */
export const increasingDateTimes = (count: number): fc.Arbitrary<string[]> =>
  fc
    .uniqueArray(fc.integer({ min: Date.UTC(1971, 0, 1) * 1000, max: Date.UTC(2099, 11, 31) * 1000 }), { minLength: count, maxLength: count })
    .map((micros) => micros.sort((a, b) => a - b).map(sqlDateTimeUtc));

/**
 * Two upserts of the same order (same order_id and order_number), the second from a strictly later
 * event (event_timestamp). With `sameFacts` the fixed columns are equal too, as they are between
 * two real events of one order; without it, they differ wherever they can, so that a test sees
 * an upsert that overwrites them.
 */
export const orderRevisions = (options: { sameFacts?: boolean } = {}): fc.Arbitrary<{ earlier: OrderRow; later: OrderRow }> =>
  fc.tuple(orderRow(), orderRow(), increasingDateTimes(2)).map(([earlier, other, [first, second]]) => {
    const lifecycle = Object.fromEntries(ORDER_LIFECYCLE_COLUMNS.map((column) => [column, other[column]]));
    const later: OrderRow = options.sameFacts ? { ...earlier, ...lifecycle } : { ...other };
    return {
      earlier: { ...earlier, event_timestamp: first! },
      later: { ...later, order_id: earlier.order_id, order_number: earlier.order_number, event_timestamp: second! },
    };
  });

/** The row an order ends with after these two upserts, in either order: the fixed columns of the first one stored, the lifecycle of the later event. */
export function afterRevisions(stored: OrderRow, later: OrderRow): OrderRow {
  const row = { ...stored } as Record<string, unknown>;
  for (const column of ORDER_LIFECYCLE_COLUMNS) row[column] = later[column];
  return row as OrderRow;
}

/** One item as OrderDAL.insertItems receives it. */
export const orderItemRow = (id: fc.Arbitrary<string> = itemId()): fc.Arbitrary<OrderItemRow> =>
  fc.record({
    item_id: id,
    product_id: objectId(),
    variant_key: nullable(variantKey()),
    quantity: quantity(),
    unit_price: decimalText(10, 2),
    line_total: money(),
    snapshot_name: text(ORDER_LIMITS.snapshot_name, 1),
    snapshot_sku: text(ORDER_LIMITS.snapshot_sku, 1),
    snapshot_image_url: nullable(text(ORDER_LIMITS.snapshot_image_url)),
    snapshot_supplier_id: nullable(objectId()),
    snapshot_category: nullable(text(ORDER_LIMITS.snapshot_category)),
  });

/** An order's items: distinct item ids, one to five of them (or as asked). */
export const orderItems = (options: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<OrderItemRow[]> =>
  fc.uniqueArray(orderItemRow(), { minLength: options.minLength ?? 1, maxLength: options.maxLength ?? 5, selector: (item) => item.item_id });

/** What OrderDAL.cancelOrder receives. */
export const orderCancellation = (): fc.Arbitrary<OrderCancellation> =>
  fc.record({
    order_number: orderNumber(),
    cancel_reason: nullable(text(ORDER_LIMITS.cancel_reason)),
    cancelled_at: sqlDateTime(),
    event_id: eventId(),
    event_timestamp: sqlDateTime(),
  });

export type OrderEventCase = {
  event: EventEnvelope<OrderDocument>;
  /** the row a correct consumer hands upsertOrder for this event */
  order: OrderRow;
  /** the item rows a correct consumer hands insertItems, in the document's order */
  items: OrderItemRow[];
};

const opt = (limit: keyof typeof ORDER_LIMITS) => optional(text(ORDER_LIMITS[limit]));
const optionalTime = () => optional(timestamp());
const sqlOf = (field: { value: GeneratedTimestamp | null }) => field.value?.sql ?? null;
const isoOf = (field: { present: boolean; value: GeneratedTimestamp | null }) => ({ present: field.present, value: field.value?.iso ?? null });

const generatedItem = fc.record({
  productId: objectId(),
  variantKey: optional(variantKey()),
  quantity: quantity(),
  unitPrice: decimalText(10, 2),
  lineTotal: money(),
  name: text(ORDER_LIMITS.snapshot_name, 1),
  sku: text(ORDER_LIMITS.snapshot_sku, 1),
  imageUrl: opt('snapshot_image_url'),
  supplierId: optional(objectId()),
  category: opt('snapshot_category'),
});

type GeneratedItem = typeof generatedItem extends fc.Arbitrary<infer T> ? T : never;

function assembleItem(id: string, g: GeneratedItem): { document: OrderItemDocument; row: OrderItemRow } {
  const snapshot: Record<string, unknown> = { name: g.name, sku: g.sku };
  put(snapshot, 'image_url', g.imageUrl);
  put(snapshot, 'supplier_id', g.supplierId);
  put(snapshot, 'category', g.category);
  const document: Record<string, unknown> = { item_id: id, product_id: g.productId };
  put(document, 'variant_key', g.variantKey);
  Object.assign(document, { quantity: g.quantity, unit_price: g.unitPrice, line_total: g.lineTotal, product_snapshot: snapshot });
  return {
    document: document as OrderItemDocument,
    row: {
      item_id: id,
      product_id: g.productId,
      variant_key: g.variantKey.value,
      quantity: g.quantity,
      unit_price: g.unitPrice,
      line_total: g.lineTotal,
      snapshot_name: g.name,
      snapshot_sku: g.sku,
      snapshot_image_url: g.imageUrl.value,
      snapshot_supplier_id: g.supplierId.value,
      snapshot_category: g.category.value,
    },
  };
}

/** order.created / order.status_changed events over the whole document space, with the rows they become. */
export const orderEventCase = (
  eventType: typeof EventType.ORDER_CREATED | typeof EventType.ORDER_STATUS_CHANGED = EventType.ORDER_CREATED,
): fc.Arbitrary<OrderEventCase> =>
  fc
    .record({
      orderId: objectId(),
      orderNumber: orderNumber(),
      customerId: objectId(),
      email: text(ORDER_LIMITS.customer_email, 1),
      name: opt('customer_name'),
      status: orderStatus(),
      payment: fc.record({ method: paymentMethod(), status: paymentStatus(), transactionId: optional(text(40)) }),
      shipping: nested(
        fc.record({
          recipient: optional(text(200)),
          line1: text(255, 1),
          line2: optional(text(255)),
          city: text(ORDER_LIMITS.shipping_city),
          state: opt('shipping_state'),
          zip: text(ORDER_LIMITS.shipping_zip_code),
          country: text(ORDER_LIMITS.shipping_country),
        }),
      ),
      totals: fc.record({ subtotal: money(), tax: money(), shipping: money(), discount: money(), total: money(), currency: currency() }),
      items: fc.uniqueArray(fc.tuple(itemId(), generatedItem), { minLength: 1, maxLength: 5, selector: ([id]) => id }),
      placedAt: timestamp(),
      paidAt: optionalTime(),
      shippedAt: optionalTime(),
      deliveredAt: optionalTime(),
      cancelledAt: optionalTime(),
      cancelReason: opt('cancel_reason'),
      createdAt: timestamp(),
      updatedAt: timestamp(),
      eventId: eventId(),
      emittedAt: timestamp(),
    })
    .map((g) => {
      const customer: Record<string, unknown> = { user_id: g.customerId, email: g.email };
      put(customer, 'name', g.name);
      const payment: Record<string, unknown> = { method: g.payment.method, status: g.payment.status };
      put(payment, 'transaction_id', g.payment.transactionId);
      const data: Record<string, unknown> = { order_id: g.orderId, order_number: g.orderNumber, customer, status: g.status, payment };
      let shipping: { city: string; state: string | null; zip: string; country: string } | undefined;
      if (g.shipping.kind === 'null') data.shipping_address = null;
      if (g.shipping.kind === 'present') {
        const s = g.shipping.value;
        const address: Record<string, unknown> = {};
        put(address, 'recipient_name', s.recipient);
        address.street_line_1 = s.line1;
        put(address, 'street_line_2', s.line2);
        address.city = s.city;
        put(address, 'state', s.state);
        Object.assign(address, { zip_code: s.zip, country: s.country });
        data.shipping_address = address;
        shipping = { city: s.city, state: s.state.value, zip: s.zip, country: s.country };
      }
      data.totals = { ...g.totals };
      const items = g.items.map(([id, generated]) => assembleItem(id, generated));
      data.items = items.map((item) => item.document);
      data.placed_at = g.placedAt.iso;
      put(data, 'paid_at', isoOf(g.paidAt));
      put(data, 'shipped_at', isoOf(g.shippedAt));
      put(data, 'delivered_at', isoOf(g.deliveredAt));
      put(data, 'cancelled_at', isoOf(g.cancelledAt));
      put(data, 'cancel_reason', g.cancelReason);
      data.created_at = g.createdAt.iso;
      data.updated_at = g.updatedAt.iso;
      const event = wrapEvent(eventType, g.orderId, data as OrderDocument, { event_id: g.eventId, timestamp: g.emittedAt.iso });
      const order: OrderRow = {
        order_id: g.orderId,
        order_number: g.orderNumber,
        customer_id: g.customerId,
        customer_email: g.email,
        customer_name: g.name.value,
        status: g.status,
        payment_method: g.payment.method,
        payment_status: g.payment.status,
        shipping_city: shipping?.city ?? null,
        shipping_state: shipping?.state ?? null,
        shipping_zip_code: shipping?.zip ?? null,
        shipping_country: shipping?.country ?? null,
        subtotal: g.totals.subtotal,
        tax: g.totals.tax,
        shipping_cost: g.totals.shipping,
        discount: g.totals.discount,
        total: g.totals.total,
        currency: g.totals.currency,
        placed_at: g.placedAt.sql,
        paid_at: sqlOf(g.paidAt),
        shipped_at: sqlOf(g.shippedAt),
        delivered_at: sqlOf(g.deliveredAt),
        cancelled_at: sqlOf(g.cancelledAt),
        cancel_reason: g.cancelReason.value,
        created_at: g.createdAt.sql,
        updated_at: g.updatedAt.sql,
        event_id: g.eventId,
        event_timestamp: g.emittedAt.sql,
      };
      return { event, order, items: items.map((item) => item.row) };
    });

export type OrderCancelledCase = {
  event: EventEnvelope<OrderCancelledData>;
  /** what a correct consumer hands cancelOrder for this event */
  cancellation: OrderCancellation;
};

/** order.cancelled events (reason missing, null or given; any order number), with the cancellation they become. */
export const orderCancelledCase = (): fc.Arbitrary<OrderCancelledCase> =>
  fc
    .record({ orderId: objectId(), orderNumber: orderNumber(), reason: opt('cancel_reason'), cancelledAt: timestamp(), eventId: eventId(), emittedAt: timestamp() })
    .map((g) => {
      const data: Record<string, unknown> = { order_number: g.orderNumber };
      put(data, 'reason', g.reason);
      data.cancelled_at = g.cancelledAt.iso;
      return {
        event: wrapEvent(EventType.ORDER_CANCELLED, g.orderId, data as OrderCancelledData, { event_id: g.eventId, timestamp: g.emittedAt.iso }),
        cancellation: {
          order_number: g.orderNumber,
          cancel_reason: g.reason.value,
          cancelled_at: g.cancelledAt.sql,
          event_id: g.eventId,
          event_timestamp: g.emittedAt.sql,
        },
      };
    });

/** The columns of `orders` that no event after the first may change: everything but the lifecycle. */
export const ORDER_FIXED_COLUMNS = ORDER_COLUMNS.filter((column) => !(ORDER_LIFECYCLE_COLUMNS as readonly string[]).includes(column));
