/**
 * Exercise 5.3 (Consumer): SupplierConsumer's handlers, called the way the framework calls them,
 * with a recording DAL instead of SupplierDAL: this file judges what your handlers hand to the
 * DAL. 5.3-consumer.e2e.test.ts runs them for real, through Kafka, into your table.
 * Run: npm test -- katas/02-supplier/5.3
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventType, type EventEnvelope } from '../../harness/events/contract.ts';
import { supplierEventCase } from '../../harness/events/supplier.arbitraries.ts';
import { SUPPLIER_COLUMNS, buildSupplier, supplierEvent, type SupplierDocument, type SupplierRow } from '../../harness/events/supplier.ts';
import { consumerUnderTest } from '../../harness/testing/consumer.ts';
import { assertProperty } from '../../harness/testing/properties.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { SupplierConsumer } from './supplier-consumer.ts';
import type { SupplierDAL } from './supplier-dal.ts';

const lesson = lessonFor('02-supplier');
const consumer = consumerUnderTest({
  dal: {
    name: 'SupplierDAL',
    methods: { insertSupplier: [{ name: 'supplier', columns: SUPPLIER_COLUMNS }], deleteSupplier: [{ name: 'supplierId' }] },
  },
  create: (dal: SupplierDAL) => new SupplierConsumer(dal),
  handlerNames: {
    [EventType.SUPPLIER_CREATED]: 'handleSupplierCreated',
    [EventType.SUPPLIER_UPDATED]: 'handleSupplierUpdated',
    [EventType.SUPPLIER_DELETED]: 'handleSupplierDeleted',
  },
  lessons: {
    exercise: lesson.exercise('5.3'),
    nulls: lesson.section('4. The flattening map'),
    failures: lesson.paragraph('Exercise 5.3', 'Let failures through'),
    unboundThis: lesson.stubComment('supplier-consumer.ts', 'getHandlers()'),
  },
});

/** Each source taken away in turn, and the columns that must then be null. */
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

  it('supplier.created hands insertSupplier the four sources flattened into 26 columns', async () => {
    await assertProperty(
      fc.asyncProperty(supplierEventCase(EventType.SUPPLIER_CREATED), async ({ event, row }) => {
        await consumer.expectDalCalls(event, [{ method: 'insertSupplier', args: [row] }], `The row for this supplier.created event, as section 4 maps it.\n${lesson.section('4. The flattening map')}`);
      }),
    );
  });

  it.each(WITHOUT)('a supplier with %s is handed over with nulls there, not an error', async (_source, strip, nullColumns) => {
    const document = buildSupplier();
    strip(document);
    const [call] = await consumer.deliver(supplierEvent(EventType.SUPPLIER_CREATED, document));
    expect(call?.args[0]).toEqualRow(
      { ...Object.fromEntries(nullColumns.map((column) => [column, null])), legal_name: document.company_info.legal_name },
      {
        columns: [...nullColumns, 'legal_name'],
        partial: true,
        why: 'Missing parts of the document become null: read them with ?. and end with ?? null.',
        pointer: lesson.section('4. The flattening map'),
      },
    );
  });

  it('supplier.updated hands insertSupplier the whole updated document (the same upsert as created)', async () => {
    await assertProperty(
      fc.asyncProperty(supplierEventCase(EventType.SUPPLIER_UPDATED), async ({ event, row }) => {
        await consumer.expectDalCalls(event, [{ method: 'insertSupplier', args: [row] }], `supplier.updated carries the whole document: the same row as for supplier.created.\n${lesson.exercise('5.3')}`);
      }),
    );
  });

  it('supplier.deleted calls deleteSupplier(supplier_id)', async () => {
    const deleted = buildSupplier();
    await consumer.expectDalCalls(
      supplierEvent(EventType.SUPPLIER_DELETED, { supplier_id: deleted.supplier_id }),
      [{ method: 'deleteSupplier', args: [deleted.supplier_id] }],
      'supplier.deleted is a hard delete of that supplier.',
    );
  });

  const sample: [EventType, EventEnvelope<object>][] = [
    [EventType.SUPPLIER_CREATED, supplierEvent(EventType.SUPPLIER_CREATED, buildSupplier())],
    [EventType.SUPPLIER_UPDATED, supplierEvent(EventType.SUPPLIER_UPDATED, buildSupplier())],
    [EventType.SUPPLIER_DELETED, supplierEvent(EventType.SUPPLIER_DELETED, { supplier_id: buildSupplier().supplier_id })],
  ];
  it.each(sample)('%s: when the DAL fails, the handler fails too (the framework then retries the event)', async (_type, event) => {
    await consumer.expectRejectsWhenDalFails(event);
  });
});
