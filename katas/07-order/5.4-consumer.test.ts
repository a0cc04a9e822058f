/**
 * Exercise 5.4 (Consumer): OrderConsumer's handlers, called the way the framework calls them,
 * with a recording DAL instead of OrderDAL: this file judges what your handlers hand to the DAL,
 * in which order and on which connection, whatever state your DAL (5.2, 5.3) is in. Behind the
 * recording DAL, a stand-in transaction hands out its connection, commits or rolls back, and
 * notes where each call ran. 5.4-consumer.e2e.test.ts runs the handlers for real, through Kafka,
 * your DAL and your tables.
 * Run: npm test -- katas/07-order/5.4
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventType } from '../../harness/events/contract.ts';
import { orderCancelledCase, orderEventCase } from '../../harness/events/order.arbitraries.ts';
import {
  ORDER_COLUMNS,
  ORDER_ITEM_FIELDS,
  buildOrder,
  buildOrderItem,
  orderEvent,
  orderWithStatus,
  type OrderCancellation,
  type OrderDocument,
  type OrderItemDocument,
  type OrderItemRow,
  type OrderRow,
} from '../../harness/events/order.ts';
import { consumerUnderTest, type DalCall } from '../../harness/testing/consumer.ts';
import { assertProperty } from '../../harness/testing/properties.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { RefusedValueError, connectionOf, describeWrites, transactionStandIn, type TransactionStandInOptions } from '../../harness/testing/transactions.ts';
import { OrderConsumer } from './order-consumer.ts';
import type { OrderDAL } from './order-dal.ts';

const lesson = lessonFor('07-order');
const flattening = lesson.section('4. The flattening map');
const exercise = lesson.exercise('5.4');
const oneTransaction = lesson.paragraph('Exercise 5.4', 'One handler, one transaction');

const CANCELLATION_FIELDS = ['order_number', 'cancel_reason', 'cancelled_at', 'event_id', 'event_timestamp'] as const satisfies readonly (keyof OrderCancellation)[];
const WRITES = ['upsertOrder', 'insertItems', 'cancelOrder'];

/** The stand-in of the delivery to come: each test sets its own (answers, a failing method). */
let standIn = transactionStandIn({ methods: WRITES });
const withStandIn = (options: Omit<TransactionStandInOptions, 'methods'> = {}) => (standIn = transactionStandIn({ methods: WRITES, results: { cancelOrder: true }, ...options }));

const consumer = consumerUnderTest({
  dal: {
    name: 'OrderDAL',
    methods: {
      upsertOrder: [{ name: 'order', columns: ORDER_COLUMNS }, { name: 'connection', optional: true }],
      insertItems: [{ name: 'orderId' }, { name: 'items', columns: ORDER_ITEM_FIELDS, many: true }, { name: 'connection', optional: true }],
      cancelOrder: [{ name: 'cancellation', columns: CANCELLATION_FIELDS }, { name: 'connection', optional: true }],
    },
  },
  standIn: () => standIn.dal,
  create: (dal: OrderDAL) => new OrderConsumer(dal),
  handlerNames: {
    [EventType.ORDER_CREATED]: 'handleOrderCreated',
    [EventType.ORDER_STATUS_CHANGED]: 'handleOrderStatusChanged',
    [EventType.ORDER_CANCELLED]: 'handleOrderCancelled',
  },
  lessons: {
    exercise,
    nulls: flattening,
    failures: lesson.paragraph('Exercise 5.4', 'Let failures through'),
    unboundThis: lesson.stubComment('order-consumer.ts', 'getHandlers()'),
  },
});

const created = (document: OrderDocument) => orderEvent(EventType.ORDER_CREATED, document);
const statusChanged = (document: OrderDocument, timestamp = '2026-03-14T09:30:00.100000+00:00') => orderEvent(EventType.ORDER_STATUS_CHANGED, document, { timestamp });
const cancelled = (document: OrderDocument, reason?: string | null) =>
  orderEvent(
    EventType.ORDER_CANCELLED,
    { order_number: document.order_number, cancelled_at: '2026-03-16T09:00:00.654321+01:00', ...(reason === undefined ? {} : { reason }) },
    { entity_id: document.order_id, timestamp: '2026-03-16T08:00:00.000002+00:00' },
  );

/** The two calls an order event makes, in this order, both on the first transaction's connection. */
const orderThenItems = (order: OrderRow, items: readonly OrderItemRow[]): DalCall[] => [
  { method: 'upsertOrder', args: [order, connectionOf(1)] },
  { method: 'insertItems', args: [order.order_id, items, connectionOf(1)] },
];
const argumentOf = (calls: readonly DalCall[], method: string, index: number) => calls.find((call) => call.method === method)?.args[index];

/** Fails unless the handler opened exactly one transaction, wrote inside it, and it committed. */
function expectOneCommittedTransaction(handler: string): void {
  const { transactions, writes } = standIn;
  const problem =
    transactions.length !== 1
      ? `it opened ${transactions.length === 0 ? 'no' : transactions.length} transaction${transactions.length === 1 ? '' : 's'} (this.dal.transaction(...))`
      : writes.find((write) => write.transaction !== 1)
        ? `this.dal.${writes.find((write) => write.transaction !== 1)!.method}() ran on ${writes.find((write) => write.transaction !== 1)!.ranOn}`
        : transactions[0]!.outcome !== 'committed'
          ? `the transaction ${transactions[0]!.outcome === 'open' ? 'was still open when the handler resolved (is it awaited?)' : 'rolled back'}`
          : undefined;
  if (problem) {
    throw new Error(
      `${handler} should write the order and its items inside ONE this.dal.transaction(async (connection) => { ... }), passing that connection to upsertOrder and insertItems: ${problem}.\n` +
        `A call without the connection runs on another connection of the pool and commits at once; a rollback cannot take it back.\nThe writes:\n${describeWrites(writes)}\n${oneTransaction}`,
    );
  }
}

/** Each optional part of the order taken away in turn, and what upsertOrder must then be handed there. */
const WITHOUT: [part: string, strip: (document: OrderDocument) => void, expected: Partial<OrderRow>][] = [
  ['no customer name', (d) => void (d.customer = { user_id: d.customer.user_id, email: d.customer.email }), { customer_name: null }],
  ['customer name null', (d) => void (d.customer = { ...d.customer, name: null }), { customer_name: null }],
  ['no shipping address (a gift card)', (d) => void delete d.shipping_address, { shipping_city: null, shipping_state: null, shipping_zip_code: null, shipping_country: null }],
  ['shipping address null', (d) => void (d.shipping_address = null), { shipping_city: null, shipping_state: null, shipping_zip_code: null, shipping_country: null }],
  ['an address without a state', (d) => void delete d.shipping_address!.state, { shipping_state: null, shipping_city: 'Bristol', shipping_country: 'GB' }],
  ['none of the status times (a new order)', (d) => void ['paid_at', 'shipped_at', 'delivered_at', 'cancelled_at'].forEach((key) => delete (d as Record<string, unknown>)[key]), { paid_at: null, shipped_at: null, delivered_at: null, cancelled_at: null }],
  ['no cancel reason', (d) => void delete d.cancel_reason, { cancel_reason: null }],
];

/** Parts of one item taken away in turn, and the field that must then be null. */
const ITEM_WITHOUT: [part: string, strip: (item: OrderItemDocument) => void, field: keyof OrderItemRow][] = [
  ['no variant key', (i) => void delete i.variant_key, 'variant_key'],
  ['variant key null', (i) => void (i.variant_key = null), 'variant_key'],
  ['no image in the snapshot', (i) => void delete i.product_snapshot.image_url, 'snapshot_image_url'],
  ['no supplier in the snapshot', (i) => void delete i.product_snapshot.supplier_id, 'snapshot_supplier_id'],
  ['category null in the snapshot', (i) => void (i.product_snapshot.category = null), 'snapshot_category'],
];

describe('Exercise 5.4: OrderConsumer handlers', () => {
  it('getHandlers() registers order.created, order.status_changed and order.cancelled', () => {
    expect(Object.keys(new OrderConsumer().getHandlers()).sort(), `The framework only delivers event types that getHandlers() lists.\n${exercise}`).toEqual(
      [EventType.ORDER_CANCELLED, EventType.ORDER_CREATED, EventType.ORDER_STATUS_CHANGED].sort(),
    );
  });

  it('order.created hands upsertOrder the order flattened into 28 columns, then insertItems one row per item, on the transaction\'s connection', async () => {
    await assertProperty(
      fc.asyncProperty(orderEventCase(EventType.ORDER_CREATED), async ({ event, order, items }) => {
        withStandIn();
        await consumer.expectDalCalls(
          event,
          orderThenItems(order, items),
          `For this order.created event: first upsertOrder(order, connection) with the OrderRow of the flattening map (money as the text it came as), ` +
            `then insertItems(orderId, items, connection) with one OrderItemRow per element of data.items, in order, each with the snapshot_* of ITS OWN product_snapshot; ` +
            `connection being the one this.dal.transaction() handed to your function.\n${flattening}`,
        );
      }),
    );
  });

  it('writes the order and its items inside ONE transaction, which commits', async () => {
    await assertProperty(
      fc.asyncProperty(orderEventCase(EventType.ORDER_CREATED), async ({ event }) => {
        withStandIn();
        await consumer.deliver(event);
        expectOneCommittedTransaction('handleOrderCreated');
      }),
    );
  });

  it('an item the database refuses leaves no order behind: the handler fails, and the order goes back with the transaction', async () => {
    withStandIn({ failing: { method: 'insertItems', error: () => new RefusedValueError('snapshot_sku') } });
    const document = buildOrder();
    await expect(
      consumer.deliver(created(document)),
      `insertItems failed (an item with a value its column refuses): the handler must fail too, so that the framework retries and then dead-letters the event.\n${lesson.paragraph('Exercise 5.4', 'A poisoned item')}`,
    ).rejects.toThrow(/Data too long/);
    const order = standIn.writes.find((write) => write.method === 'upsertOrder');
    // no upsertOrder at all: the items came first, failed, and the order was never written
    expect(
      order !== undefined || !standIn.writes.some((write) => write.method === 'insertItems'),
      `insertItems ran before upsertOrder (which never came: this test makes insertItems fail). The items were written before their order, ` +
        `and an item points at its order (the foreign key): the database would refuse it while the order is not stored. ` +
        `Write the order first, then its items, both on the transaction's connection.\n` +
        `The writes:\n${describeWrites(standIn.writes)}\n${lesson.paragraph('Exercise 5.4', 'One handler, one transaction')}`,
    ).toBe(true);
    expect(
      order?.transaction !== undefined && standIn.transactions[order.transaction - 1]?.outcome === 'rolled back',
      `The order must go back with the failed item: upsertOrder has to run on the connection of the transaction that insertItems' failure rolls back. ` +
        `Here it ran on ${order?.ranOn ?? '(no call)'}${order?.transaction ? `, in a transaction that ${standIn.transactions[order.transaction - 1]?.outcome}` : ''}: the order would stay, without its items.\n` +
        `The writes:\n${describeWrites(standIn.writes)}\n${lesson.paragraph('Exercise 5.4', 'A poisoned item')}`,
    ).toBe(true);
  });

  it.each(WITHOUT)('an order with %s is handed over with null there', async (_part, strip, expected) => {
    withStandIn();
    const document = orderWithStatus(buildOrder(), 'paid', '2026-03-14T09:30:00Z');
    strip(document);
    const calls = await consumer.deliver(created(document));
    const order = argumentOf(calls, 'upsertOrder', 0) as OrderRow | undefined;
    expect(order, `handleOrderCreated should call this.dal.upsertOrder(order, connection).\n${exercise}`).toBeDefined();
    expect(
      Object.fromEntries(Object.keys(expected).map((column) => [column, order![column as keyof OrderRow]])),
      `A part missing from the document becomes null: read it with ?. and end with ?? null.\n${flattening}`,
    ).toEqual(expected);
    expect(argumentOf(calls, 'insertItems', 1), `The order's two items are handed to insertItems all the same.\n${exercise}`).toHaveLength(2);
  });

  it.each(ITEM_WITHOUT)('an item with %s is handed over with null there', async (_part, strip, field) => {
    withStandIn();
    const item = buildOrderItem();
    strip(item);
    const calls = await consumer.deliver(created(buildOrder({ items: [item] })));
    const [row] = (argumentOf(calls, 'insertItems', 1) as OrderItemRow[] | undefined) ?? [];
    expect(row, `handleOrderCreated should hand the item ln-01 to insertItems.\n${exercise}`).toBeDefined();
    expect(row![field], `A part missing from the item or its snapshot becomes null (?? null).\n${flattening}`).toBeNull();
    expect(row!.snapshot_sku, `The snapshot's other fields are still there.\n${flattening}`).toBe('TS-ORG-RED-XL');
  });

  it('each item takes ITS OWN product snapshot, not another item\'s', async () => {
    withStandIn();
    const calls = await consumer.deliver(created(buildOrder()));
    expect(
      ((argumentOf(calls, 'insertItems', 1) as OrderItemRow[] | undefined) ?? []).map((item) => [item.item_id, item.snapshot_name, item.snapshot_sku, item.snapshot_supplier_id]),
      `Each OrderItemRow gets the snapshot_* of the product_snapshot inside the same item.\n${flattening}`,
    ).toEqual([
      ['ln-01', 'Organic Cotton T-Shirt', 'TS-ORG-RED-XL', '65f0c2e4b0a1b2c3d4e5f601'],
      ['ln-02', 'Harbor House Blend, 500 g', 'HR-HOUSE-500', '65f0c2e4b0a1b2c3d4e5f602'],
    ]);
  });

  it('order.status_changed hands over the whole order and ALL its items, in one transaction (it may arrive before order.created)', async () => {
    await assertProperty(
      fc.asyncProperty(orderEventCase(EventType.ORDER_STATUS_CHANGED), async ({ event, order, items }) => {
        withStandIn();
        await consumer.expectDalCalls(
          event,
          orderThenItems(order, items),
          `order.status_changed carries the whole order: the same two calls as order.created. When it arrives first (a producer's retry), ` +
            `it is the event that stores the order, which must come with all its items; the selective upsert and the idempotent insert keep everything else as it was.\n${exercise}`,
        );
        expectOneCommittedTransaction('handleOrderStatusChanged');
      }),
    );
  });

  it('order.cancelled calls cancelOrder with the order NUMBER, the event\'s time and reason', async () => {
    await assertProperty(
      fc.asyncProperty(orderCancelledCase(), async ({ event, cancellation }) => {
        withStandIn();
        await consumer.expectDalCalls(
          event,
          [{ method: 'cancelOrder', args: [cancellation] }],
          `handleOrderCancelled should call this.dal.cancelOrder({ order_number, cancel_reason, cancelled_at, event_id, event_timestamp }) once: ` +
            `order_number from data.order_number (the business key, not entity_id), cancel_reason from data.reason (null when missing), ` +
            `cancelled_at from data.cancelled_at (parsed: the event's time, not the clock).\n${lesson.paragraph('Exercise 5.4', 'The cancel names its order by number')}`,
        );
      }),
    );
  });

  it.each([
    ['with a reason', 'ordered twice by mistake'],
    ['without a reason', undefined],
    ['with reason null', null],
  ] as const)('order.cancelled %s names the order by its number', async (_case, reason) => {
    withStandIn();
    const document = buildOrder();
    const event = cancelled(document, reason);
    await consumer.expectDalCalls(
      event,
      [
        {
          method: 'cancelOrder',
          args: [{ order_number: document.order_number, cancel_reason: reason ?? null, cancelled_at: '2026-03-16 08:00:00.654321', event_id: event.event_id, event_timestamp: '2026-03-16 08:00:00.000002' }],
        },
      ],
      `handleOrderCancelled hands cancelOrder the order's NUMBER (data.order_number, not entity_id), the reason (null when the event has none) and the event's times.\n${flattening}`,
    );
  });

  it('order.cancelled for an order number nobody stored fails, naming the number (so that it is dead-lettered, not lost)', async () => {
    withStandIn({ results: { cancelOrder: false } });
    const unknown = buildOrder();
    await expect(
      consumer.deliver(cancelled(unknown, 'never placed')),
      `cancelOrder returned false: no stored order has ${unknown.order_number}. The handler must throw an Error that names the number; ` +
        `a handler that resolves tells the framework "stored", and the cancellation would vanish without a trace.\n${lesson.paragraph('Exercise 5.4', 'The cancel names its order by number')}`,
    ).rejects.toThrow(unknown.order_number);
  });

  it.each([
    ['order.created', () => created(buildOrder())],
    ['order.status_changed', () => statusChanged(orderWithStatus(buildOrder(), 'paid', '2026-03-14T09:30:00Z'))],
    ['order.cancelled', () => cancelled(buildOrder(), 'changed my mind')],
  ] as const)('%s fails when the DAL fails (the error is not swallowed)', async (_type, event) => {
    withStandIn();
    await consumer.expectRejectsWhenDalFails(event());
  });

  it('order.created fails when insertItems fails, after upsertOrder worked (the error is not swallowed)', async () => {
    withStandIn({ failing: { method: 'insertItems', error: () => Object.assign(new Error('connect ECONNREFUSED (insertItems failed on purpose)'), { code: 'ECONNREFUSED' }) } });
    await expect(
      consumer.deliver(created(buildOrder())),
      `When insertItems fails, the handler must fail too (no try/catch that only logs): the transaction rolls back, and the framework retries the event.\n` +
        `${lesson.paragraph('Exercise 5.4', 'Let failures through')}`,
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
