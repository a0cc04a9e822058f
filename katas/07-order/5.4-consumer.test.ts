/**
 * Exercise 5.4 (Consumer): OrderConsumer's handlers, called the way the framework calls them.
 * They are handed a DAL that records every call and keeps the two tables in memory, transactions
 * included (a write on the transaction's connection is kept only if the transaction commits; a
 * write without it is kept at once), with the rules of the real tables: so these tests judge your
 * handlers, whatever state your DAL is in. 5.4-consumer.e2e.test.ts then runs everything, your
 * DAL and tables included, through Kafka.
 * Run: npm test -- katas/07-order/5.4
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventType, type EventEnvelope } from '../../harness/events/contract.ts';
import { orderCancelledCase, orderEventCase, orderRow } from '../../harness/events/order.arbitraries.ts';
import {
  buildOrder,
  buildOrderItem,
  orderEvent,
  orderWithStatus,
  type OrderDocument,
  type OrderItemDocument,
  type OrderItemRow,
  type OrderRow,
} from '../../harness/events/order.ts';
import { handlerFrom } from '../../harness/testing/handlers.ts';
import { describeCalls, OrderStore, type StoreCall } from '../../harness/testing/order-store.ts';
import { assertProperty } from '../../harness/testing/properties.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { OrderConsumer } from './order-consumer.ts';
import type { OrderDAL } from './order-dal.ts';

const lesson = lessonFor('07-order');
const flattening = lesson.section('4. The flattening map');
const exercise = lesson.exercise('5.4');

/** A consumer wired to the recording, in-memory DAL; `handle` calls a handler as the framework does. */
function consumerOnRecordingDal() {
  const store = new OrderStore(exercise);
  const consumer = new OrderConsumer(store.dal as unknown as OrderDAL);
  const handle = (event: EventEnvelope<object>) => handlerFrom(consumer.getHandlers(), event.event_type as EventType, exercise)(event);
  return { store, handle };
}

const created = (document: OrderDocument) => orderEvent(EventType.ORDER_CREATED, document);
const statusChanged = (document: OrderDocument, timestamp: string) => orderEvent(EventType.ORDER_STATUS_CHANGED, document, { timestamp });
const cancelled = (document: OrderDocument, reason: string | null | undefined, cancelledAt: string, timestamp = '2026-03-16T08:00:00.000002+00:00') => {
  const data = { order_number: document.order_number, cancelled_at: cancelledAt, ...(reason === undefined ? {} : { reason }) };
  return orderEvent(EventType.ORDER_CANCELLED, data, { entity_id: document.order_id, timestamp });
};

/** Each optional part of the order taken away in turn, and what must then be stored instead. */
const WITHOUT: [part: string, strip: (document: OrderDocument) => void, expected: Partial<OrderRow>][] = [
  ['no customer name', (d) => void (d.customer = { user_id: d.customer.user_id, email: d.customer.email }), { customer_name: null }],
  ['customer name null', (d) => void (d.customer = { ...d.customer, name: null }), { customer_name: null }],
  ['no shipping address (a gift card)', (d) => void delete d.shipping_address, { shipping_city: null, shipping_state: null, shipping_zip_code: null, shipping_country: null }],
  ['shipping address null', (d) => void (d.shipping_address = null), { shipping_city: null, shipping_state: null, shipping_zip_code: null, shipping_country: null }],
  ['an address without a state', (d) => void delete d.shipping_address!.state, { shipping_state: null, shipping_city: 'Bristol', shipping_country: 'GB' }],
  ['no payment transaction id', (d) => void delete d.payment.transaction_id, { payment_method: 'card' }],
  ['none of the status times (a new order)', (d) => void ['paid_at', 'shipped_at', 'delivered_at', 'cancelled_at'].forEach((key) => delete (d as Record<string, unknown>)[key]), { paid_at: null, shipped_at: null, delivered_at: null, cancelled_at: null }],
  ['no cancel reason', (d) => void delete d.cancel_reason, { cancel_reason: null }],
];

/** Parts of one item's snapshot taken away in turn, and the columns that must then be NULL. */
const ITEM_WITHOUT: [part: string, strip: (item: OrderItemDocument) => void, column: keyof OrderItemRow][] = [
  ['no variant key', (i) => void delete i.variant_key, 'variant_key'],
  ['variant key null', (i) => void (i.variant_key = null), 'variant_key'],
  ['no image in the snapshot', (i) => void delete i.product_snapshot.image_url, 'snapshot_image_url'],
  ['no supplier in the snapshot', (i) => void delete i.product_snapshot.supplier_id, 'snapshot_supplier_id'],
  ['category null in the snapshot', (i) => void (i.product_snapshot.category = null), 'snapshot_category'],
];

/** Fails with the calls listed unless the handler wrote the order, then its items, both in one committed transaction. */
function expectOneTransaction(calls: readonly StoreCall[], handler: string): void {
  const writes = calls.filter((call) => call.method !== 'transaction');
  const transactions = calls.filter((call) => call.method === 'transaction');
  const problem =
    transactions.length !== 1
      ? `it opened ${transactions.length === 0 ? 'no' : transactions.length} transaction${transactions.length === 1 ? '' : 's'}`
      : writes.map((call) => call.method).join(',') !== 'upsertOrder,insertItems'
        ? `it called ${writes.map((call) => call.method).join(', then ') || 'nothing'}`
        : writes.find((call) => call.transaction !== transactions[0]!.transaction)
          ? `${writes.find((call) => call.transaction !== transactions[0]!.transaction)!.method} ran on ${writes.find((call) => call.transaction !== transactions[0]!.transaction)!.ranOn}, not on the transaction's connection`
          : undefined;
  if (problem) {
    throw new Error(
      `${handler} should open ONE transaction with this.dal.transaction(async (connection) => ...) and, inside it, call ` +
        `this.dal.upsertOrder(order, connection), then this.dal.insertItems(orderId, items, connection): ${problem}.\n` +
        `A call without the connection runs outside the transaction (on another connection of the pool) and commits at once.\nThe calls:\n${describeCalls(calls)}\n${exercise}`,
    );
  }
}

describe('Exercise 5.4: OrderConsumer handlers', () => {
  it('getHandlers() registers order.created, order.status_changed and order.cancelled', () => {
    expect(Object.keys(new OrderConsumer().getHandlers()).sort(), `The framework only delivers event types that getHandlers() lists.\n${exercise}`).toEqual(
      [EventType.ORDER_CANCELLED, EventType.ORDER_CREATED, EventType.ORDER_STATUS_CHANGED].sort(),
    );
  });

  it('order.created stores the order flattened into 28 columns, and one row per item with its own snapshot', async () => {
    await assertProperty(
      fc.asyncProperty(orderEventCase(EventType.ORDER_CREATED), async ({ event, order, items }) => {
        const { store, handle } = consumerOnRecordingDal();
        await handle(event);
        expect(store.order(order.order_id), `The order handed to upsertOrder for this order.created event (money as the text it came as).\n${flattening}`).toEqual(order);
        expect(
          store.items(order.order_id),
          `The items handed to insertItems: one per element of data.items, in the document's order, each with the snapshot_* of ITS OWN product_snapshot.\n` +
            `The calls:\n${describeCalls(store.calls)}\n${flattening}`,
        ).toEqual(items);
      }),
    );
  });

  it('writes the order, then its items, in ONE transaction, both on the transaction\'s connection', async () => {
    await assertProperty(
      fc.asyncProperty(orderEventCase(EventType.ORDER_CREATED), async ({ event }) => {
        const { store, handle } = consumerOnRecordingDal();
        await handle(event);
        expectOneTransaction(store.calls, 'handleOrderCreated');
        expect(store.lateCalls, `A DAL call ran after its transaction had committed: an await is missing inside the transaction's function.\n${describeCalls(store.calls)}\n${exercise}`).toEqual([]);
      }),
    );
  });

  it('an order with a poisoned item is not stored at all: the handler fails, and the order is rolled back with its items', async () => {
    const { store, handle } = consumerOnRecordingDal();
    const document = buildOrder();
    store.poisonedItemId = 'ln-02';
    await expect(
      handle(created(document)),
      `insertItems failed (an item the database refuses): the handler must fail too, so that the framework retries and then dead-letters the event.\n${exercise}`,
    ).rejects.toThrow(/Data too long/);
    expect(
      store.order(document.order_id),
      `After the failed item, the order must not be stored either: upsertOrder and insertItems belong in ONE this.dal.transaction(...), ` +
        `both on its connection, so that the failure rolls the order back.\nThe calls:\n${describeCalls(store.calls)}\n${lesson.exercise('5.4')}`,
    ).toBeUndefined();
    expect(store.items(document.order_id)).toEqual([]);
  });

  it.each(WITHOUT)('an order with %s is stored, with NULL there', async (_part, strip, expected) => {
    const { store, handle } = consumerOnRecordingDal();
    const document = orderWithStatus(buildOrder(), 'paid', '2026-03-14T09:30:00Z');
    strip(document);
    await handle(created(document));
    const order = store.order(document.order_id);
    expect(order, `The order should be stored.\n${flattening}`).toBeDefined();
    expect(
      Object.fromEntries(Object.keys(expected).map((column) => [column, order![column as keyof OrderRow]])),
      `A part missing from the document becomes NULL: read it with ?. and end with ?? null.\n${flattening}`,
    ).toEqual(expected);
    expect(store.items(document.order_id)).toHaveLength(2);
  });

  it.each(ITEM_WITHOUT)('an item with %s is stored with NULL there', async (_part, strip, column) => {
    const { store, handle } = consumerOnRecordingDal();
    const item = buildOrderItem();
    strip(item);
    const document = buildOrder({ items: [item] });
    await handle(created(document));
    const [row] = store.items(document.order_id);
    expect(row, `The item ln-01 should be stored.\n${flattening}`).toBeDefined();
    expect(row![column], `A part missing from the item or its snapshot becomes NULL (?? null).\n${flattening}`).toBeNull();
    expect(row!.snapshot_sku, `The snapshot's other fields are still there.\n${flattening}`).toBe('TS-ORG-RED-XL');
  });

  it('each item takes ITS OWN product snapshot, not another item\'s', async () => {
    const { store, handle } = consumerOnRecordingDal();
    const document = buildOrder();
    await handle(created(document));
    expect(
      store.items(document.order_id).map((item) => [item.item_id, item.snapshot_name, item.snapshot_sku, item.snapshot_supplier_id]),
      `Each order_items row gets the snapshot_* of the product_snapshot inside the same item.\n${flattening}`,
    ).toEqual([
      ['ln-01', 'Organic Cotton T-Shirt', 'TS-ORG-RED-XL', '65f0c2e4b0a1b2c3d4e5f601'],
      ['ln-02', 'Harbor House Blend, 500 g', 'HR-HOUSE-500', '65f0c2e4b0a1b2c3d4e5f602'],
    ]);
  });

  it('order.status_changed moves the order\'s lifecycle, in one transaction, and leaves its items as they were', async () => {
    const { store, handle } = consumerOnRecordingDal();
    const document = buildOrder();
    await handle(created(document));
    const before = store.calls.length;
    const paid = orderWithStatus(document, 'paid', '2026-03-14T09:30:00.000001+00:00');
    await handle(statusChanged(paid, '2026-03-14T09:30:00.100000+00:00'));
    expectOneTransaction(store.calls.slice(before), 'handleOrderStatusChanged');
    expect(store.order(document.order_id), `After order.status_changed (paid): the new status, its time and the captured payment.\n${exercise}`).toEqual(
      expect.objectContaining({ status: 'paid', paid_at: '2026-03-14 09:30:00.000001', payment_status: 'captured', updated_at: '2026-03-14 09:30:00.000001' }),
    );
    expect(store.items(document.order_id), `The items are the same two, stored once.\n${exercise}`).toHaveLength(2);
  });

  it('order.status_changed delivered before its order.created stores the order with all its items (it carries the whole order)', async () => {
    await assertProperty(
      fc.asyncProperty(orderEventCase(EventType.ORDER_STATUS_CHANGED), async ({ event, order, items }) => {
        const { store, handle } = consumerOnRecordingDal();
        await handle(event);
        expect(store.order(order.order_id), `A status change can arrive first (a producer's retry); the order it carries must be stored...\n${exercise}`).toEqual(order);
        expect(
          store.items(order.order_id),
          `... with all its items, in the same transaction: an order is stored with its items or not at all, whichever event brings it first.\n` +
            `The calls:\n${describeCalls(store.calls)}\n${exercise}`,
        ).toEqual(items);
      }),
    );
  });

  it('a duplicate delivery of the same order.created leaves the same order and items', async () => {
    await assertProperty(
      fc.asyncProperty(orderEventCase(EventType.ORDER_CREATED), async ({ event, order, items }) => {
        const { store, handle } = consumerOnRecordingDal();
        await handle(event);
        await handle(event);
        expect(store.order(order.order_id), `Kafka delivers at least once: the same event twice leaves the same order.\n${exercise}`).toEqual(order);
        expect(store.items(order.order_id), `... and the same items, once each.\n${exercise}`).toEqual(items);
      }),
    );
  });

  it('order.cancelled calls cancelOrder with the order NUMBER, the event\'s time and reason', async () => {
    await assertProperty(
      fc.asyncProperty(orderCancelledCase(), orderRow(), async ({ event, cancellation }, stored) => {
        const { store, handle } = consumerOnRecordingDal();
        store.arrange({ ...stored, order_id: event.entity_id, order_number: cancellation.order_number });
        await handle(event);
        const calls = store.calls.filter((call) => call.method === 'cancelOrder');
        expect(
          calls.map((call) => call.args[0]),
          `handleOrderCancelled should call this.dal.cancelOrder({ order_number, cancel_reason, cancelled_at, event_id, event_timestamp }) once: ` +
            `order_number from data.order_number (the business key, not entity_id), cancelled_at from data.cancelled_at (parsed: the event's time, not the clock).\n` +
            `The calls:\n${describeCalls(store.calls)}\n${flattening}`,
        ).toEqual([cancellation]);
      }),
    );
  });

  it.each([
    ['with a reason', 'ordered twice by mistake'],
    ['without a reason', undefined],
    ['with reason null', null],
  ] as const)('order.cancelled %s cancels the order it names, and only that one', async (_case, reason) => {
    const { store, handle } = consumerOnRecordingDal();
    const [doomed, kept] = [buildOrder(), buildOrder()];
    for (const document of [doomed, kept]) await handle(created(document));
    await handle(cancelled(doomed, reason, '2026-03-16T09:00:00.654321+01:00'));
    expect(store.order(doomed.order_id), `The order named by data.order_number is cancelled, at the event's time.\n${exercise}`).toEqual(
      expect.objectContaining({ status: 'cancelled', cancelled_at: '2026-03-16 08:00:00.654321', cancel_reason: reason ?? null }),
    );
    expect(store.order(kept.order_id)?.status, `Another order stays as it was.\n${exercise}`).toBe('pending');
  });

  it('order.cancelled for an order number nobody stored fails, naming the number (so that it is dead-lettered, not lost)', async () => {
    const { store, handle } = consumerOnRecordingDal();
    const kept = buildOrder();
    await handle(created(kept));
    const unknown = buildOrder();
    await expect(
      handle(cancelled(unknown, 'never placed', '2026-03-16T09:00:00Z')),
      `cancelOrder returned false: no stored order has ${unknown.order_number}. The handler must throw an Error that names the number; ` +
        `a handler that resolves tells the framework "stored", and the cancellation would vanish without a trace.\n${lesson.exercise('5.4')}`,
    ).rejects.toThrow(unknown.order_number);
    expect(store.order(kept.order_id)?.status, 'Nothing else changed.').toBe('pending');
  });

  it.each([
    ['order.created', 'transaction', () => created(buildOrder())],
    ['order.created', 'upsertOrder', () => created(buildOrder())],
    ['order.created', 'insertItems', () => created(buildOrder())],
    ['order.status_changed', 'upsertOrder', () => statusChanged(orderWithStatus(buildOrder(), 'paid', '2026-03-14T09:30:00Z'), '2026-03-14T09:30:00.1Z')],
    ['order.cancelled', 'cancelOrder', () => cancelled(buildOrder(), 'x', '2026-03-16T09:00:00Z')],
  ] as const)('%s fails when %s fails (the error is not swallowed)', async (_type, method, event) => {
    const { store, handle } = consumerOnRecordingDal();
    store.failing = method;
    await expect(
      handle(event()),
      `When the DAL fails, the handler must fail too (let the error through, no try/catch that only logs it): the framework then retries the event, ` +
        `and dead-letters it after the last try. A handler that resolves tells the framework "stored", and the event is lost.\n${exercise}`,
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
