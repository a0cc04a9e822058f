/**
 * Exercise 5.3 (Consumer): SupplierConsumer's handlers, called the way the framework calls them,
 * with the real SupplierDAL and a real database. 5.3-consumer.e2e.test.ts runs them through Kafka.
 * Run: npm test -- katas/02-supplier/5.3
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventType, type EventEnvelope } from '../../harness/events/contract.ts';
import { supplierEventCase } from '../../harness/events/supplier.arbitraries.ts';
import { SUPPLIER_COLUMNS, buildSupplier, supplierEvent, type SupplierDocument, type SupplierRow } from '../../harness/events/supplier.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import { handlerFrom } from '../../harness/testing/handlers.ts';
import { assertProperty } from '../../harness/testing/properties.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { tables } from './tables.ts';
import { SupplierConsumer } from './supplier-consumer.ts';

const lesson = lessonFor('02-supplier');
const db = useKataDatabase({ kata: '02-supplier', tables: () => tables, requires: { tables: ['suppliers'], exercise: '5.1' } });
const selectSuppliers = (supplierId: string) => db.select<SupplierRow>('suppliers', SUPPLIER_COLUMNS, { supplier_id: supplierId });
const handlerFor = (eventType: EventType) => handlerFrom(new SupplierConsumer().getHandlers(), eventType, lesson.exercise('5.3'));

/** Each source taken away in turn, and the columns that must then be NULL. */
const WITHOUT: [source: string, strip: (document: SupplierDocument) => void, nullColumns: (keyof SupplierRow)[]][] = [
  [
    'contact_info without phone or contact person',
    (d) => void (d.contact_info = { primary_email: d.contact_info.primary_email }),
    ['phone', 'contact_person_name', 'contact_person_title', 'contact_person_email', 'contact_person_phone'],
  ],
  [
    'company_info with nothing but the legal name',
    (d) => void (d.company_info = { legal_name: d.company_info.legal_name }),
    ['dba_name', 'tax_id', 'tax_id_country', 'company_type', 'website'],
  ],
  ['no address at all', (d) => void delete d.address, ['street_line_1', 'street_line_2', 'city', 'state', 'zip_code', 'country']],
  ['no business_info at all', (d) => void delete d.business_info, ['business_category', 'facebook_url', 'instagram_handle']],
  ['business_info without social links', (d) => void (d.business_info = { business_category: 'coffee' }), ['facebook_url', 'instagram_handle']],
];

describe('Exercise 5.3: SupplierConsumer handlers', () => {
  it('getHandlers() registers supplier.created, supplier.updated and supplier.deleted', () => {
    expect(Object.keys(new SupplierConsumer().getHandlers()).sort(), `The framework only delivers event types that getHandlers() lists.\n${lesson.exercise('5.3')}`).toEqual(
      [EventType.SUPPLIER_CREATED, EventType.SUPPLIER_DELETED, EventType.SUPPLIER_UPDATED].sort(),
    );
  });

  it('supplier.created stores the four sources flattened into 26 columns', async () => {
    const handle = handlerFor(EventType.SUPPLIER_CREATED);
    await assertProperty(
      fc.asyncProperty(supplierEventCase(EventType.SUPPLIER_CREATED), async ({ event, row }) => {
        await db.reset();
        await handle(event);
        expect(await selectSuppliers(row.supplier_id), `The row stored for this supplier.created event.\n${lesson.section('4. The flattening map')}`).toEqual([row]);
      }),
    );
  });

  it.each(WITHOUT)('a supplier with %s is stored with NULLs there, not an error', async (_source, strip, nullColumns) => {
    await db.reset();
    const document = buildSupplier();
    strip(document);
    await handlerFor(EventType.SUPPLIER_CREATED)(supplierEvent(EventType.SUPPLIER_CREATED, document));
    const [row] = await selectSuppliers(document.supplier_id);
    expect(row, `The supplier should be stored.\n${lesson.section('4. The flattening map')}`).toBeDefined();
    expect(
      Object.fromEntries(nullColumns.map((column) => [column, row![column]])),
      `Missing parts of the document become NULL: read them with ?. and end with ?? null.\n${lesson.section('4. The flattening map')}`,
    ).toEqual(Object.fromEntries(nullColumns.map((column) => [column, null])));
    expect(row!.legal_name).toBe(document.company_info.legal_name);
  });

  it('supplier.updated replaces the row\'s values but keeps created_at', async () => {
    await assertProperty(
      fc.asyncProperty(supplierEventCase(EventType.SUPPLIER_CREATED), supplierEventCase(EventType.SUPPLIER_UPDATED), async (created, updated) => {
        await db.reset();
        const id = created.event.entity_id;
        const event: EventEnvelope = { ...updated.event, entity_id: id, data: { ...updated.event.data, supplier_id: id } };
        await handlerFor(EventType.SUPPLIER_CREATED)(created.event);
        await handlerFor(EventType.SUPPLIER_UPDATED)(event);
        expect(await selectSuppliers(id), `After supplier.created then supplier.updated: the update's values, the original created_at.\n${lesson.exercise('5.3')}`).toEqual([
          { ...updated.row, supplier_id: id, created_at: created.row.created_at },
        ]);
      }),
    );
  });

  it('supplier.deleted removes the row', async () => {
    await db.reset();
    const kept = buildSupplier();
    const deleted = buildSupplier();
    for (const document of [kept, deleted]) await handlerFor(EventType.SUPPLIER_CREATED)(supplierEvent(EventType.SUPPLIER_CREATED, document));
    await handlerFor(EventType.SUPPLIER_DELETED)(supplierEvent(EventType.SUPPLIER_DELETED, { supplier_id: deleted.supplier_id }));
    expect(
      (await db.select<{ supplier_id: string }>('suppliers', ['supplier_id'])).map((row) => row.supplier_id),
      `supplier.deleted is a hard delete of that supplier only.\n${lesson.exercise('5.3')}`,
    ).toEqual([kept.supplier_id]);
  });

  it('a duplicate delivery of the same event leaves one row', async () => {
    await assertProperty(
      fc.asyncProperty(supplierEventCase(EventType.SUPPLIER_CREATED), async ({ event, row }) => {
        await db.reset();
        const handle = handlerFor(EventType.SUPPLIER_CREATED);
        await handle(event);
        await handle(event);
        expect(await selectSuppliers(row.supplier_id), `Kafka delivers at least once: the same event twice leaves one row.\n${lesson.exercise('5.3')}`).toEqual([row]);
      }),
    );
  });
});
