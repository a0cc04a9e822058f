/**
 * Exercise 5.3, end to end: supplier events through Kafka, the framework and your code into MySQL.
 * Run: npm test -- katas/02-supplier/5.3
 */
import { describe, expect, it } from 'vitest';
import { EventType, Topic } from '../../harness/events/contract.ts';
import { SUPPLIER_COLUMNS, buildSupplier, supplierEvent, type SupplierRow } from '../../harness/events/supplier.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import { useEventPipeline } from '../../harness/testing/pipeline.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { tables } from './tables.ts';
import { SupplierConsumer } from './supplier-consumer.ts';

const lesson = lessonFor('02-supplier');
const db = useKataDatabase({ kata: '02-supplier', tables: () => tables, requires: { tables: ['suppliers'], exercise: '5.1' } });
const pipeline = useEventPipeline({ handlers: () => new SupplierConsumer().getHandlers(), topics: [Topic.SUPPLIERS] });

describe('Exercise 5.3 end to end: Kafka -> consumer -> MySQL', () => {
  it('a supplier created, moved to another city, then deleted: the row appears, changes, and is gone', async () => {
    const created = buildSupplier();
    const moved = { ...created, address: { ...created.address, city: 'Portland', state: 'OR', zip_code: '97201' }, updated_at: '2024-04-02T10:00:00.000002+02:00' };
    const select = () => db.select<SupplierRow>('suppliers', SUPPLIER_COLUMNS, { supplier_id: created.supplier_id });

    const suppliers = (why: string, columns: string[]) => ({ columns: ['supplier_id', ...columns], table: 'suppliers', partial: true, why, pointer: lesson.exercise('5.3') });
    const id = created.supplier_id;

    await pipeline.deliver(supplierEvent(EventType.SUPPLIER_CREATED, created));
    expect(await select()).toEqualRows(
      [{ supplier_id: id, legal_name: 'Harbor Roasting Company LLC', city: 'Seattle', country: 'US', instagram_handle: '@harborroasters' }],
      suppliers('After supplier.created went through Kafka, SELECT should find the supplier.', ['legal_name', 'city', 'country', 'instagram_handle']),
    );

    await pipeline.deliver(supplierEvent(EventType.SUPPLIER_UPDATED, moved));
    expect(await select()).toEqualRows(
      [{ supplier_id: id, city: 'Portland', state: 'OR', zip_code: '97201', created_at: '2024-03-01 09:00:00.000001', updated_at: '2024-04-02 08:00:00.000002' }],
      suppliers('After supplier.updated.', ['city', 'state', 'zip_code', 'created_at', 'updated_at']),
    );

    await pipeline.deliver(supplierEvent(EventType.SUPPLIER_DELETED, { supplier_id: id }));
    expect(await select()).toEqualRows([], suppliers('After supplier.deleted the row is gone (a hard delete).', []));
    expect(pipeline.log.filter((line) => line.includes(created.supplier_id)), 'the consumer logs one line per event').toHaveLength(3);
  });
});
