/**
 * Exercise 5.4, end to end: order events through Kafka, the framework and your code into MySQL.
 * Run: npm test -- katas/07-order/5.4
 */
import { describe, expect, it } from 'vitest';
import { EventType, Topic } from '../../harness/events/contract.ts';
import { ORDER_ITEM_FIELDS, buildOrder, buildOrderItem, orderEvent, orderWithStatus, type OrderDocument, type OrderItemRow, type OrderRow } from '../../harness/events/order.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import { useEventPipeline } from '../../harness/testing/pipeline.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { tables } from './tables.ts';
import { OrderConsumer } from './order-consumer.ts';

const lesson = lessonFor('07-order');
const db = useKataDatabase({ kata: '07-order', tables: () => tables, requires: { tables: ['orders', 'order_items'], exercise: '5.1' } });
const pipeline = useEventPipeline({ handlers: () => new OrderConsumer().getHandlers(), topics: [Topic.ORDERS] });

const LIFECYCLE = ['order_id', 'status', 'payment_status', 'paid_at', 'shipped_at', 'delivered_at', 'cancelled_at', 'cancel_reason', 'total'] as const;
const lifecycleOf = (orderId: string) => db.select<Partial<OrderRow>>('orders', LIFECYCLE, { order_id: orderId });
const itemsOf = async (orderId: string) =>
  db.rows<OrderItemRow>(`SELECT ${ORDER_ITEM_FIELDS.join(', ')} FROM order_items WHERE order_id = ? ORDER BY item_id`, [orderId]);
/** How the rows are compared: these columns, in the table's order; the rest may hold anything. */
const orders = (why: string, pointer = lesson.exercise('5.4')) => ({ columns: LIFECYCLE, table: 'orders', partial: true, why, pointer });
const items = (why: string, columns: readonly string[], pointer = lesson.exercise('5.4')) => ({ columns: ['item_id', ...columns], table: 'order_items', partial: true, why, pointer });

const created = (order: OrderDocument) => orderEvent(EventType.ORDER_CREATED, order);
const moved = (order: OrderDocument, timestamp: string) => orderEvent(EventType.ORDER_STATUS_CHANGED, order, { timestamp });

describe('Exercise 5.4 end to end: Kafka -> consumer -> MySQL', () => {
  it('an order placed, paid, shipped and delivered, another placed and cancelled: each row follows its order, the items stay', async () => {
    const order = buildOrder();
    const paid = orderWithStatus(order, 'paid', '2026-03-14T09:30:00.000001+00:00');
    const shipped = orderWithStatus(paid, 'shipped', '2026-03-15T14:05:00.250000+01:00');
    const delivered = orderWithStatus(shipped, 'delivered', '2026-03-17T11:42:10.5Z');
    const placedEvent = created(order);

    const id = order.order_id;
    await pipeline.deliver(placedEvent);
    expect(await lifecycleOf(id)).toEqualRows(
      [{ order_id: id, status: 'pending', payment_status: 'pending', paid_at: null, shipped_at: null, delivered_at: null, cancelled_at: null, cancel_reason: null, total: '98.95' }],
      orders('After order.created went through Kafka, SELECT should find the order, pending.'),
    );
    expect(await itemsOf(id)).toEqualRows(
      [
        { item_id: 'ln-01', variant_key: 'red-xl', quantity: 2, unit_price: '27.50', line_total: '55.00', snapshot_sku: 'TS-ORG-RED-XL', snapshot_image_url: 'https://cdn.example/products/ts-org-red.jpg' },
        { item_id: 'ln-02', variant_key: null, quantity: 1, unit_price: '27.50', line_total: '27.50', snapshot_sku: 'HR-HOUSE-500', snapshot_image_url: null },
      ],
      items('... and its two items, each with its own product snapshot.', ['variant_key', 'quantity', 'unit_price', 'line_total', 'snapshot_sku', 'snapshot_image_url'], lesson.section('4. The flattening map')),
    );

    await pipeline.deliver(moved(paid, '2026-03-14T09:30:00.100000+00:00'));
    await pipeline.deliver(moved(shipped, '2026-03-15T13:05:00.300000+00:00'));
    await pipeline.deliver(moved(delivered, '2026-03-17T11:42:10.600000+00:00'));
    expect(await lifecycleOf(id)).toEqualRows(
      [
        {
          order_id: id,
          status: 'delivered',
          payment_status: 'captured',
          paid_at: '2026-03-14 09:30:00.000001',
          shipped_at: '2026-03-15 13:05:00.250000',
          delivered_at: '2026-03-17 11:42:10.500000',
          cancelled_at: null,
          cancel_reason: null,
          total: '98.95',
        },
      ],
      orders('After paid, shipped, delivered: the lifecycle moved, the totals did not.'),
    );
    expect(await itemsOf(id), `Three status changes later, still exactly the two items: the order's lines are stored once.\n${lesson.exercise('5.3')}`).toHaveLength(2);

    await pipeline.deliver(placedEvent);
    expect(await lifecycleOf(id)).toEqualRows(
      [{ order_id: id, status: 'delivered' }],
      { ...orders('order.created delivered again (Kafka delivers at least once) is older than the row\'s last event: it moves nothing.', lesson.exercise('5.2')), columns: ['order_id', 'status'] },
    );
    expect(await itemsOf(id)).toHaveLength(2);

    const other = buildOrder({ customer: { user_id: '65a1f0c2e4b0a1b2c3d4e5f7', email: 'grace@example.com' } });
    await pipeline.deliver(created(other));
    await pipeline.deliver(
      orderEvent(EventType.ORDER_CANCELLED, { order_number: other.order_number, reason: 'ordered twice by mistake', cancelled_at: '2026-03-14T10:00:00.123456+00:00' }, {
        entity_id: other.order_id,
        timestamp: '2026-03-14T10:00:00.200000+00:00',
      }),
    );
    expect(await lifecycleOf(other.order_id)).toEqualRows(
      [{ order_id: other.order_id, status: 'cancelled', cancelled_at: '2026-03-14 10:00:00.123456', cancel_reason: 'ordered twice by mistake' }],
      { ...orders('order.cancelled names the order by its number; the row takes the event\'s time and reason.'), columns: ['order_id', 'status', 'cancelled_at', 'cancel_reason'] },
    );
    expect(await lifecycleOf(id)).toEqualRows([{ order_id: id, status: 'delivered' }], { ...orders('Cancelling one order leaves the other as it was.'), columns: ['order_id', 'status'] });
    expect(pipeline.log.filter((line) => line.includes(id) || line.includes(other.order_id)), 'the consumer logs one line per event').toHaveLength(7);
  });

  it('a status change delivered before its order.created ends as if they had come in order', async () => {
    const order = buildOrder();
    const paid = orderWithStatus(order, 'paid', '2026-03-14T09:30:00.000001+00:00');
    await pipeline.deliver(moved(paid, '2026-03-14T09:30:00.100000+00:00'));
    await pipeline.deliver(created(order));
    expect(await lifecycleOf(order.order_id)).toEqualRows(
      [{ order_id: order.order_id, status: 'paid', paid_at: '2026-03-14 09:30:00.000001' }],
      { ...orders('The later event (paid) wins, whichever arrives first.', lesson.exercise('5.2')), columns: ['order_id', 'status', 'paid_at'] },
    );
    expect(await itemsOf(order.order_id), `The items are stored once, whichever event brought them first.\n${lesson.exercise('5.3')}`).toHaveLength(2);
  });

  it('an order with a poisoned item is dead-lettered, and leaves no order and no item behind', async () => {
    const poisoned = buildOrder({
      items: [buildOrderItem(), buildOrderItem({ item_id: 'ln-02', product_snapshot: { name: 'Mystery box', sku: 'X'.repeat(65) } })],
    });
    await expect(
      pipeline.deliver(created(poisoned)),
      `An item the database refuses (a SKU longer than VARCHAR(64)) makes the handler fail: the framework dead-letters the event.\n${lesson.exercise('5.4')}`,
    ).rejects.toThrow(/dead-lettered/);
    expect(
      await lifecycleOf(poisoned.order_id),
      `The order must not be stored without its items: upsertOrder and insertItems run in ONE transaction, which the failing item rolls back.\n${lesson.exercise('5.4')}`,
    ).toEqual([]);
    expect(await itemsOf(poisoned.order_id), 'Nor any of its items.').toEqual([]);
  });

  it('a cancellation for an order nobody stored changes nothing and is skipped, as the service logs it', async () => {
    const unknown = buildOrder();
    const result = await pipeline.deliver(
      orderEvent(EventType.ORDER_CANCELLED, { order_number: unknown.order_number, cancelled_at: '2026-03-14T10:00:00Z' }, { entity_id: unknown.order_id }),
    );
    expect(
      result.outcome,
      `The framework skips a cancel whose order was never stored before your handler runs (the course's rule for unknown ids, the README's section on the service's log): nothing to change, nothing to retry.\n${lesson.exercise('5.4')}`,
    ).toBe('skipped');
    expect(await lifecycleOf(unknown.order_id), 'A cancel must not create an order.').toEqual([]);
  });
});
