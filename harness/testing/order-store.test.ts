/** The stand-in DAL of kata 07's consumer suite keeps the rules the suite's messages promise. */
import { describe, expect, it } from 'vitest';
import type { OrderCancellation, OrderItemRow, OrderRow } from '../events/order.ts';
import { describeCalls, OrderStore, type TestConnection } from './order-store.ts';

const at = (second: number) => `2026-03-14 09:00:${String(second).padStart(2, '0')}.000000`;

function order(overrides: Partial<OrderRow> = {}): OrderRow {
  return {
    order_id: 'a00000000000000000000001', order_number: 'ORD-1', customer_id: 'c1', customer_email: 'ada@example.com', customer_name: null,
    status: 'pending', payment_method: 'card', payment_status: 'pending',
    shipping_city: null, shipping_state: null, shipping_zip_code: null, shipping_country: null,
    subtotal: '1.00', tax: '0.00', shipping_cost: '0.00', discount: '0.00', total: '1.00', currency: 'GBP',
    placed_at: at(0), paid_at: null, shipped_at: null, delivered_at: null, cancelled_at: null, cancel_reason: null,
    created_at: at(0), updated_at: at(0), event_id: 'e1', event_timestamp: at(1),
    ...overrides,
  };
}

const item = (itemId: string): OrderItemRow => ({
  item_id: itemId, product_id: 'p1', variant_key: null, quantity: 1, unit_price: '1.00', line_total: '1.00',
  snapshot_name: 'Thing', snapshot_sku: 'T-1', snapshot_image_url: null, snapshot_supplier_id: null, snapshot_category: null,
});

const cancellation = (orderNumber: string): OrderCancellation => ({ order_number: orderNumber, cancel_reason: null, cancelled_at: at(5), event_id: 'e9', event_timestamp: at(6) });

describe('OrderStore (the consumer suite\'s stand-in DAL)', () => {
  it('keeps the writes of a transaction that resolves, and drops those of one that throws', async () => {
    const store = new OrderStore('pointer');
    const { dal } = store;
    await dal.transaction(async (connection) => {
      await dal.upsertOrder(order(), connection);
      await dal.insertItems('a00000000000000000000001', [item('ln-01')], connection);
    });
    expect(store.items('a00000000000000000000001')).toHaveLength(1);
    const other = order({ order_id: 'a00000000000000000000002', order_number: 'ORD-2' });
    await expect(
      dal.transaction(async (connection) => {
        await dal.upsertOrder(other, connection);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(store.order(other.order_id)).toBeUndefined();
  });

  it('keeps a write without the connection at once, even when the transaction around it rolls back', async () => {
    const store = new OrderStore('pointer');
    const { dal } = store;
    store.poisonedItemId = 'ln-02';
    await expect(
      dal.transaction(async (connection) => {
        await dal.upsertOrder(order());
        await dal.insertItems('a00000000000000000000001', [item('ln-01'), item('ln-02')], connection);
      }),
    ).rejects.toThrow(/Data too long/);
    expect(store.order('a00000000000000000000001')?.order_number).toBe('ORD-1');
    expect(store.items('a00000000000000000000001')).toEqual([]);
    expect(describeCalls(store.calls)).toMatch(/upsertOrder\(\{…\}\)\s+on no connection \(autocommit\)/);
  });

  it('refuses items of an order it does not hold, and undefined values', async () => {
    const store = new OrderStore('see the lesson');
    await expect(store.dal.insertItems('nope', [item('ln-01')])).rejects.toThrow(/foreign key constraint fails[\s\S]*see the lesson/);
    await expect(store.dal.upsertOrder({ ...order(), customer_name: undefined } as unknown as OrderRow)).rejects.toThrow(/customer_name: undefined/);
  });

  it('moves only the lifecycle, and only for an event at least as new as the row\'s', async () => {
    const store = new OrderStore('pointer');
    await store.dal.upsertOrder(order());
    await store.dal.upsertOrder(order({ total: '9.99', status: 'paid', event_timestamp: at(3) }));
    expect(store.order('a00000000000000000000001')).toMatchObject({ total: '1.00', status: 'paid', event_timestamp: at(3) });
    await store.dal.upsertOrder(order({ status: 'pending', event_timestamp: at(2) }));
    expect(store.order('a00000000000000000000001')).toMatchObject({ status: 'paid', event_timestamp: at(3) });
  });

  it('keeps a stored line as it is, and cancels by number, saying whether it found the order', async () => {
    const store = new OrderStore('pointer');
    store.arrange(order(), [item('ln-01')]);
    await store.dal.insertItems('a00000000000000000000001', [{ ...item('ln-01'), quantity: 7 }, item('ln-02')]);
    expect(store.items('a00000000000000000000001').map((row) => [row.item_id, row.quantity])).toEqual([['ln-01', 1], ['ln-02', 1]]);
    expect(await store.dal.cancelOrder(cancellation('ORD-1'))).toBe(true);
    expect(store.order('a00000000000000000000001')).toMatchObject({ status: 'cancelled', cancelled_at: at(5), updated_at: at(5), event_timestamp: at(6) });
    expect(await store.dal.cancelOrder(cancellation('ORD-404'))).toBe(false);
  });

  it('records a call on the connection of a transaction that has ended', async () => {
    const store = new OrderStore('pointer');
    let kept: TestConnection | undefined;
    await store.dal.transaction(async (connection) => {
      kept = connection;
      await store.dal.upsertOrder(order(), connection);
    });
    await store.dal.insertItems('a00000000000000000000001', [item('ln-01')], kept);
    expect(store.lateCalls.map((call) => call.ranOn)).toEqual(['transaction 1, after it had ended']);
  });

  it('fails the method it is told to, as an outage would', async () => {
    const store = new OrderStore('pointer');
    store.failing = 'cancelOrder';
    await expect(store.dal.cancelOrder(cancellation('ORD-1'))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
