/** The order domain's generators and builders: valid envelopes, rows that fit the columns, revisions as the 5.2 suite relies on. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { envelopeProblem, EventType } from './contract.ts';
import { afterRevisions, ORDER_LIMITS, orderCancelledCase, orderEventCase, orderItems, orderRevisions, orderRow } from './order.arbitraries.ts';
import { buildOrder, ORDER_COLUMNS, ORDER_LIFECYCLE_COLUMNS, orderDomain, orderEvent, orderNumberFor, orderWithStatus } from './order.ts';

const length = (value: string | null) => (value === null ? 0 : [...value].length);
const money = /^(0|[1-9]\d{0,9})\.\d{2}$/;

describe('order arbitraries', () => {
  it('generated order events are valid envelopes; their rows fit the columns; item ids are distinct slugs within an order', () => {
    fc.assert(
      fc.property(orderEventCase(), orderRow(), orderItems(), ({ event, order, items }, dalRow, dalItems) => {
        expect(envelopeProblem(JSON.parse(JSON.stringify(event)))).toBeUndefined();
        expect(event.entity_id).toBe(order.order_id);
        for (const row of [order, dalRow]) {
          expect(Object.keys(row)).toEqual([...ORDER_COLUMNS]);
          expect(row.order_number).toMatch(/^[A-Z0-9\-'\\]{1,32}$/);
          expect(length(row.customer_email)).toBeLessThanOrEqual(ORDER_LIMITS.customer_email);
          for (const amount of [row.subtotal, row.tax, row.shipping_cost, row.discount, row.total]) expect(amount).toMatch(money);
          expect(row.currency).toMatch(/^[A-Z]{3}$/);
        }
        for (const item of [...items, ...dalItems]) {
          expect(item.item_id).toMatch(/^[a-z0-9-]{1,24}$/);
          expect(length(item.snapshot_sku)).toBeLessThanOrEqual(ORDER_LIMITS.snapshot_sku);
          expect(item.unit_price).toMatch(/^(0|[1-9]\d{0,7})\.\d{2}$/);
          expect(item.quantity).toBeGreaterThanOrEqual(1);
        }
        expect(new Set(items.map((item) => item.item_id)).size).toBe(items.length);
        // one expected item row per element of the document's items, in order
        expect(items.map((item) => item.item_id)).toEqual(event.data.items.map((item) => item.item_id));
      }),
    );
  });

  it('revisions share their keys, the later one is strictly newer, and afterRevisions moves only the lifecycle', () => {
    fc.assert(
      fc.property(orderRevisions(), orderRevisions({ sameFacts: true }), ({ earlier, later }, same) => {
        expect([later.order_id, later.order_number]).toEqual([earlier.order_id, earlier.order_number]);
        expect(later.event_timestamp > earlier.event_timestamp).toBe(true);
        const after = afterRevisions(earlier, later);
        for (const column of ORDER_COLUMNS) {
          expect(after[column]).toEqual((ORDER_LIFECYCLE_COLUMNS as readonly string[]).includes(column) ? later[column] : earlier[column]);
        }
        // between two real events of one order, the fixed columns are the same
        expect(afterRevisions(same.earlier, same.later)).toEqual(same.later);
      }),
    );
  });

  it('cancellations carry the order number and the event\'s times', () => {
    fc.assert(
      fc.property(orderCancelledCase(), ({ event, cancellation }) => {
        expect(envelopeProblem(event)).toBeUndefined();
        expect(cancellation.order_number).toBe(event.data.order_number);
        expect(cancellation.cancel_reason).toBe(event.data.reason ?? null);
      }),
    );
  });
});

describe('order builders', () => {
  it('make a realistic order whose totals add up, and move it through its statuses', () => {
    const order = buildOrder();
    const cents = (text: string) => Math.round(Number(text) * 100);
    const { subtotal, tax, shipping, discount, total } = order.totals;
    expect(cents(subtotal) + cents(tax) + cents(shipping) - cents(discount)).toBe(cents(total));
    expect(order.items.reduce((sum, item) => sum + cents(item.line_total), 0)).toBe(cents(subtotal));
    const shipped = orderWithStatus(orderWithStatus(order, 'paid', '2026-03-14T10:00:00Z'), 'shipped', '2026-03-15T10:00:00Z');
    expect(shipped).toMatchObject({ status: 'shipped', paid_at: '2026-03-14T10:00:00Z', shipped_at: '2026-03-15T10:00:00Z', payment: { status: 'captured' } });
    expect(shipped.totals).toEqual(order.totals);
  });

  it('npm run emit\'s examples: a cancel by --id names the order that a create with that id placed', () => {
    const id = '65f0c2e4b0a1b2c3d4e5f6a7';
    const placed = orderDomain.example(EventType.ORDER_CREATED, id, '2026-03-14T10:00:00.000001+00:00');
    const cancel = orderDomain.example(EventType.ORDER_CANCELLED, id, '2026-03-14T11:00:00.000001+00:00');
    expect(envelopeProblem(cancel)).toBeUndefined();
    expect(cancel.entity_id).toBe(id);
    expect((cancel.data as { order_number: string }).order_number).toBe((placed.data as { order_number: string }).order_number);
    expect(orderNumberFor(id)).toMatch(/^ORD-2026-\d{9}$/);
    expect(orderEvent(EventType.ORDER_STATUS_CHANGED, buildOrder({ order_id: id })).entity_id).toBe(id);
  });
});
