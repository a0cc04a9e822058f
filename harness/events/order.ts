/**
 * The Order domain: an order with its items, and the rows it becomes in two tables, `orders` and
 * `order_items`. Complete: read it, don't edit it. Kata 07 builds the tables, DAL and handlers.
 *
 * An order has two keys: its MongoDB id (`order_id`, the entity id of every order event) and its
 * order number (`order_number`, e.g. 'ORD-2026-004211873'), the business key printed on the
 * customer's confirmation, known to customer service, the warehouse and the payment provider.
 *
 * Three events, all keyed (Kafka message key = entity_id) by the order's id:
 *   order.created         the whole order, items included, status 'pending'
 *   order.status_changed  the whole order again, with its new status and that status's time set
 *                         (paid_at, shipped_at or delivered_at); everything else unchanged
 *   order.cancelled       only { order_number, reason, cancelled_at }: customer service cancels
 *                         orders by their number
 */
import { defineDomain } from './domain.ts';
import { wrapEvent, newObjectId, type EnvelopeOverrides, type EventEnvelope, type SqlDateTime } from './envelope.ts';
import type { DecimalText } from './values.ts';

export type { DecimalText };

export type OrderStatus = 'pending' | 'paid' | 'shipped' | 'delivered' | 'cancelled';

/** The payment's own state, kept by the payment provider: 'pending', then 'captured' (or 'failed'), 'refunded' after a cancel. */
export type PaymentStatus = 'pending' | 'captured' | 'failed' | 'refunded';

/**
 * What the product looked like when it was bought: a copy frozen into the item. The product may
 * be renamed, repriced or deleted later (kata 04); the order must still say what was sold.
 */
export type ProductSnapshot = {
  name: string;
  sku: string;
  /** optional: products without a picture have none */
  image_url?: string | null;
  /** optional: the supplier (kata 02) that sold it, when the catalogue knew it */
  supplier_id?: string | null;
  category?: string | null;
};

/** One line of an order: a product (a variant of it, maybe) bought in some quantity. */
export type OrderItemDocument = {
  /**
   * the line's id WITHIN its order: 'ln-01', 'ln-02', ... Lowercase letters, digits and dashes,
   * at most 24 characters. Another order has its own 'ln-01': unique per order, not overall.
   */
  item_id: string;
  /** the product (kata 04) bought */
  product_id: string;
  /** optional: the variant's key ('red-xl'), missing or null for a product without variants */
  variant_key?: string | null;
  /** a whole number >= 1 */
  quantity: number;
  unit_price: DecimalText;
  /** quantity × unit_price, as the backend computed it */
  line_total: DecimalText;
  product_snapshot: ProductSnapshot;
};

/** Where the order goes; the analytics tables keep the place (city, state, zip, country), not the street or the name. */
export type ShippingAddress = {
  recipient_name?: string | null;
  street_line_1: string;
  street_line_2?: string | null;
  city: string;
  /** optional: many countries have no states */
  state?: string | null;
  zip_code: string;
  /** ISO 3166-1 alpha-2, e.g. 'GB' */
  country: string;
};

/** An order as MongoDB stores it (the `data` of order.created and order.status_changed). */
export type OrderDocument = {
  order_id: string;
  /** the business key: unique, never changes */
  order_number: string;
  customer: {
    /** the user (kata 01) who placed it */
    user_id: string;
    email: string;
    /** optional: guest checkouts may leave it out */
    name?: string | null;
  };
  status: OrderStatus;
  payment: {
    /** 'card', 'paypal', 'bank_transfer', 'gift_card', ... */
    method: string;
    status: PaymentStatus;
    /** optional: the provider's reference, once there is one (not stored by the analytics tables) */
    transaction_id?: string | null;
  };
  /** optional: missing or null for orders that ship nothing (gift cards, downloads, pick-up) */
  shipping_address?: ShippingAddress | null;
  /** money as decimal text ('98.95'), never a JSON number: see values.ts */
  totals: {
    subtotal: DecimalText;
    tax: DecimalText;
    /** the shipping cost */
    shipping: DecimalText;
    discount: DecimalText;
    /** subtotal + tax + shipping - discount */
    total: DecimalText;
    /** ISO 4217, e.g. 'GBP' */
    currency: string;
  };
  /** at least one item; the items never change once the order is placed */
  items: OrderItemDocument[];
  /** when the customer placed the order */
  placed_at: string;
  /** each set (once) when the order reaches that status; missing or null before */
  paid_at?: string | null;
  shipped_at?: string | null;
  delivered_at?: string | null;
  cancelled_at?: string | null;
  cancel_reason?: string | null;
  created_at: string;
  updated_at: string;
};

/** The `data` of order.cancelled: which order (by its NUMBER), why, and when. */
export type OrderCancelledData = {
  order_number: string;
  /** optional: missing or null when the customer gave no reason */
  reason?: string | null;
  cancelled_at: string;
};

/** One row of the `orders` table: exactly one field per column, in column order (28). */
export type OrderRow = {
  order_id: string;
  order_number: string;
  customer_id: string;
  customer_email: string;
  customer_name: string | null;
  status: OrderStatus;
  payment_method: string;
  payment_status: PaymentStatus;
  shipping_city: string | null;
  shipping_state: string | null;
  shipping_zip_code: string | null;
  shipping_country: string | null;
  /** DECIMAL columns: mysql2 sends and returns them as text ('98.95'), never as numbers */
  subtotal: DecimalText;
  tax: DecimalText;
  shipping_cost: DecimalText;
  discount: DecimalText;
  total: DecimalText;
  currency: string;
  placed_at: SqlDateTime;
  paid_at: SqlDateTime | null;
  shipped_at: SqlDateTime | null;
  delivered_at: SqlDateTime | null;
  cancelled_at: SqlDateTime | null;
  cancel_reason: string | null;
  created_at: SqlDateTime;
  updated_at: SqlDateTime;
  event_id: string;
  event_timestamp: SqlDateTime;
};

/** The column order of `orders`, as the course defines it. */
export const ORDER_COLUMNS = [
  'order_id', 'order_number', 'customer_id', 'customer_email', 'customer_name',
  'status', 'payment_method', 'payment_status',
  'shipping_city', 'shipping_state', 'shipping_zip_code', 'shipping_country',
  'subtotal', 'tax', 'shipping_cost', 'discount', 'total', 'currency',
  'placed_at', 'paid_at', 'shipped_at', 'delivered_at', 'cancelled_at', 'cancel_reason',
  'created_at', 'updated_at', 'event_id', 'event_timestamp',
] as const satisfies readonly (keyof OrderRow)[];

/**
 * The type the course gives each money column of `orders` and `order_items` (kata 07's lesson,
 * "Money is `DECIMAL`"): a price, and the sums, which need room. The generated orders carry values
 * up to the largest each type holds.
 */
export const ORDER_MONEY_TYPES = {
  subtotal: 'DECIMAL(12,2)', tax: 'DECIMAL(12,2)', shipping_cost: 'DECIMAL(12,2)', discount: 'DECIMAL(12,2)', total: 'DECIMAL(12,2)',
  unit_price: 'DECIMAL(10,2)', line_total: 'DECIMAL(12,2)',
} as const;

/**
 * The columns an order's later events may move: its lifecycle. Every other column (the order
 * number, the customer, where it ships, the money, placed_at, created_at) is fixed when the order
 * is placed, and an upsert must never change it. (Kata 07's lesson, "Exercise 5.2".)
 */
export const ORDER_LIFECYCLE_COLUMNS = [
  'status', 'payment_status', 'paid_at', 'shipped_at', 'delivered_at', 'cancelled_at', 'cancel_reason',
  'updated_at', 'event_id', 'event_timestamp',
] as const satisfies readonly (keyof OrderRow)[];

/**
 * One item as insertItems() receives it: the columns of `order_items` except `id` (the server
 * numbers the rows: AUTO_INCREMENT) and `order_id` (insertItems' first argument). The nested
 * product_snapshot is flattened into the snapshot_* fields.
 */
export type OrderItemRow = {
  item_id: string;
  product_id: string;
  variant_key: string | null;
  quantity: number;
  unit_price: DecimalText;
  line_total: DecimalText;
  snapshot_name: string;
  snapshot_sku: string;
  snapshot_image_url: string | null;
  snapshot_supplier_id: string | null;
  snapshot_category: string | null;
};

/** The fields of OrderItemRow, in the table's column order. */
export const ORDER_ITEM_FIELDS = [
  'item_id', 'product_id', 'variant_key', 'quantity', 'unit_price', 'line_total',
  'snapshot_name', 'snapshot_sku', 'snapshot_image_url', 'snapshot_supplier_id', 'snapshot_category',
] as const satisfies readonly (keyof OrderItemRow)[];

/** The column order of `order_items`, as the course defines it (13). */
export const ORDER_ITEM_COLUMNS = ['id', 'order_id', ...ORDER_ITEM_FIELDS] as const;

/** What cancelOrder() receives: which order, by its number, and the values the cancel writes. */
export type OrderCancellation = {
  order_number: string;
  cancel_reason: string | null;
  cancelled_at: SqlDateTime;
  event_id: string;
  event_timestamp: SqlDateTime;
};

/**
 * The order number the example builders give an order id: 'ORD-2026-' and nine digits taken from
 * the id, so that `npm run emit -- order.cancelled --id <id>` names the order that
 * `npm run emit -- order.created --id <id>` placed.
 */
export function orderNumberFor(orderId: string): string {
  const digits = BigInt(`0x${orderId.replace(/[^0-9a-f]/gi, '') || '0'}`) % 1_000_000_000n;
  return `ORD-2026-${String(digits).padStart(9, '0')}`;
}

/** A realistic item; pass overrides for the fields a test cares about. */
export function buildOrderItem(overrides: Partial<OrderItemDocument> = {}): OrderItemDocument {
  return {
    item_id: 'ln-01',
    product_id: '65f0c2e4b0a1b2c3d4e5f610',
    variant_key: 'red-xl',
    quantity: 2,
    unit_price: '27.50',
    line_total: '55.00',
    product_snapshot: {
      name: 'Organic Cotton T-Shirt',
      sku: 'TS-ORG-RED-XL',
      image_url: 'https://cdn.example/products/ts-org-red.jpg',
      supplier_id: '65f0c2e4b0a1b2c3d4e5f601',
      category: 'apparel',
    },
    ...overrides,
  };
}

/** A realistic pending order of two items (totals that add up); pass overrides for the parts a test cares about. */
export function buildOrder(overrides: Partial<OrderDocument> = {}): OrderDocument {
  const orderId = overrides.order_id ?? newObjectId();
  return {
    order_id: orderId,
    order_number: orderNumberFor(orderId),
    customer: { user_id: '65a1f0c2e4b0a1b2c3d4e5f6', email: 'ada@example.com', name: 'Ada Lovelace' },
    status: 'pending',
    payment: { method: 'card', status: 'pending' },
    shipping_address: { recipient_name: 'Ada Lovelace', street_line_1: '12 Harbour Street', street_line_2: 'Flat 3', city: 'Bristol', state: null, zip_code: 'BS1 4RN', country: 'GB' },
    totals: { subtotal: '82.50', tax: '16.50', shipping: '4.95', discount: '5.00', total: '98.95', currency: 'GBP' },
    items: [
      buildOrderItem(),
      buildOrderItem({
        item_id: 'ln-02',
        product_id: '65f0c2e4b0a1b2c3d4e5f611',
        variant_key: null,
        quantity: 1,
        unit_price: '27.50',
        line_total: '27.50',
        product_snapshot: { name: 'Harbor House Blend, 500 g', sku: 'HR-HOUSE-500', image_url: null, supplier_id: '65f0c2e4b0a1b2c3d4e5f602', category: 'coffee' },
      }),
    ],
    placed_at: '2026-03-14T09:26:53.589793+00:00',
    paid_at: null,
    shipped_at: null,
    delivered_at: null,
    cancelled_at: null,
    cancel_reason: null,
    created_at: '2026-03-14T09:26:53.589793+00:00',
    updated_at: '2026-03-14T09:26:53.589793+00:00',
    ...overrides,
  };
}

/**
 * The same order one step further, as order.status_changed carries it: the new status, that
 * status's time (paid_at, shipped_at or delivered_at) and updated_at set to `at`; the payment is
 * captured once the order is paid. Everything else stays as it was.
 */
export function orderWithStatus(order: OrderDocument, status: 'paid' | 'shipped' | 'delivered', at: string): OrderDocument {
  const payment = order.payment.status === 'pending' ? { ...order.payment, status: 'captured' as const, transaction_id: `txn_${order.order_id.slice(-10)}` } : order.payment;
  return { ...order, status, payment, [`${status}_at`]: at, updated_at: at };
}

type OrderEnvelope = EnvelopeOverrides & { entity_id?: string };

export function orderEvent(eventType: 'order.created' | 'order.status_changed', data: OrderDocument, envelope?: OrderEnvelope): EventEnvelope<OrderDocument>;
export function orderEvent(eventType: 'order.cancelled', data: OrderCancelledData, envelope: OrderEnvelope & { entity_id: string }): EventEnvelope<OrderCancelledData>;
/**
 * Wraps order data in the envelope the backend publishes. order.cancelled's data has no order id:
 * pass the order's id as envelope.entity_id (the backend keys every order event by it).
 */
export function orderEvent(eventType: string, data: OrderDocument | OrderCancelledData, envelope: OrderEnvelope = {}): EventEnvelope<OrderDocument | OrderCancelledData> {
  const entityId = envelope.entity_id ?? (data as OrderDocument).order_id;
  return wrapEvent(eventType, entityId, data, { timestamp: '2026-03-14T09:26:53.750000+00:00', ...envelope });
}

/** The order domain as the harness's tools see it (see domain.ts). */
export const orderDomain = defineDomain({
  name: 'order',
  topic: 'orders',
  table: 'orders',
  idField: 'order_id',
  events: ['order.created', 'order.status_changed', 'order.cancelled'],
  refersToExisting: ['order.status_changed', 'order.cancelled'],
  example: (type, id, now) => {
    if (type === 'order.cancelled') {
      return orderEvent(type, { order_number: orderNumberFor(id), reason: 'customer changed their mind', cancelled_at: now }, { entity_id: id, timestamp: now });
    }
    const placed = buildOrder({ order_id: id, placed_at: now, created_at: now, updated_at: now });
    return orderEvent(type, type === 'order.created' ? placed : orderWithStatus(placed, 'paid', now), { timestamp: now });
  },
});
