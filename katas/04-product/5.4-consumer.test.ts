/**
 * Exercise 5.4 (Consumer): ProductConsumer's handlers, called the way the framework calls them,
 * with a recording DAL instead of ProductDAL: this file judges what your handlers hand to the DAL,
 * and in which order, whatever state your DAL (5.2, 5.3) is in. 5.4-consumer.e2e.test.ts runs them
 * for real, through Kafka, your DAL and your tables.
 * Run: npm test -- katas/04-product/5.4
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventType, type EventEnvelope } from '../../harness/events/contract.ts';
import { productEventCase } from '../../harness/events/product.arbitraries.ts';
import { PRODUCT_COLUMNS, buildProduct, buildVariant, productEvent, type ProductDocument, type ProductRow, type VariantRow } from '../../harness/events/product.ts';
import { consumerUnderTest, type DalCall } from '../../harness/testing/consumer.ts';
import { canonicalJson, canonicalJsonText } from '../../harness/testing/json.ts';
import { assertProperty } from '../../harness/testing/properties.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { ProductConsumer } from './product-consumer.ts';
import type { ProductDAL } from './product-dal.ts';

const lesson = lessonFor('04-product');
const flattening = lesson.section('4. The flattening map');
const jsonNull = lesson.paragraph('3. Schema deep dive', 'SQL `NULL` is not JSON `null`');

/** The columns of a VariantRow, the key first (a variant is told apart by its key). */
const VARIANT_ROW_COLUMNS = ['variant_key', 'sku', 'name', 'price', 'stock', 'is_active', 'attributes_json'] as const;

const consumer = consumerUnderTest({
  dal: {
    name: 'ProductDAL',
    methods: {
      insertProduct: [{ name: 'product', columns: PRODUCT_COLUMNS, json: ['attributes_json'] }],
      replaceVariants: [{ name: 'productId' }, { name: 'variants', columns: VARIANT_ROW_COLUMNS, many: true, json: ['attributes_json'], mapKey: { column: 'variant_key', map: 'data.variants' } }],
      deleteProduct: [{ name: 'productId' }],
    },
  },
  create: (dal: ProductDAL) => new ProductConsumer(dal),
  handlerNames: {
    [EventType.PRODUCT_CREATED]: 'handleProductCreated',
    [EventType.PRODUCT_UPDATED]: 'handleProductUpdated',
    [EventType.PRODUCT_DELETED]: 'handleProductDeleted',
  },
  lessons: {
    exercise: lesson.exercise('5.4'),
    nulls: flattening,
    failures: lesson.paragraph('Exercise 5.4', 'Let failures through'),
    unboundThis: lesson.stubComment('product-consumer.ts', 'getHandlers()'),
  },
});

const created = (document: ProductDocument) => productEvent(EventType.PRODUCT_CREATED, document);
const updated = (document: ProductDocument) => productEvent(EventType.PRODUCT_UPDATED, document);
/** The two calls a created or updated event makes, in this order. */
const productThenVariants = (product: ProductRow, variants: readonly VariantRow[]): DalCall[] => [
  { method: 'insertProduct', args: [product] },
  { method: 'replaceVariants', args: [product.product_id, variants] },
];
const argumentOf = (calls: readonly DalCall[], method: string, index: number) => calls.find((call) => call.method === method)?.args[index];

/** Each optional part taken away in turn, and what insertProduct must then be handed there. */
const WITHOUT: [part: string, handedOver: string, strip: (document: ProductDocument) => void, expected: Partial<ProductRow>][] = [
  ['no description', 'null', (d) => void delete d.description, { description: null }],
  ['category: null', 'null', (d) => void (d.category = null), { category: null }],
  ['no brand', 'null', (d) => void delete d.brand, { brand: null }],
  ['no attributes', 'null', (d) => void delete d.attributes, { attributes_json: null }],
  ['attributes: null', 'null', (d) => void (d.attributes = null), { attributes_json: null }],
  ['attributes: {}', "'{}' (an empty document, not null)", (d) => void (d.attributes = {}), { attributes_json: '{}' }],
];

/** Parts of one variant taken away in turn, and the field that must then be null. */
const VARIANT_WITHOUT: [part: string, strip: (variant: ReturnType<typeof buildVariant>) => void, field: 'name' | 'price' | 'attributes_json'][] = [
  ['no name', (v) => void delete v.name, 'name'],
  ['price: null (it sells at the product\'s price)', (v) => void (v.price = null), 'price'],
  ['no price', (v) => void delete v.price, 'price'],
  ['no attributes', (v) => void delete v.attributes, 'attributes_json'],
  ['attributes: null', (v) => void (v.attributes = null), 'attributes_json'],
];

describe('Exercise 5.4: ProductConsumer handlers', () => {
  it('getHandlers() registers product.created, product.updated and product.deleted', () => {
    expect(Object.keys(new ProductConsumer().getHandlers()).sort(), `The framework only delivers event types that getHandlers() lists.\n${lesson.exercise('5.4')}`).toEqual(
      [EventType.PRODUCT_CREATED, EventType.PRODUCT_DELETED, EventType.PRODUCT_UPDATED].sort(),
    );
  });

  it('product.created hands insertProduct the product, then replaceVariants one row per key of data.variants', async () => {
    await assertProperty(
      fc.asyncProperty(productEventCase(EventType.PRODUCT_CREATED), async ({ event, product, variants }) => {
        await consumer.expectDalCalls(
          event,
          productThenVariants(product, variants),
          `The product first (each variant row points at it: the foreign key refuses variants of a product not stored yet), then its variants: ` +
            `one per KEY of data.variants, the key being variant_key, attributes as JSON text (compared as documents).\n${flattening}`,
        );
      }),
    );
  });

  it('product.updated makes the same two calls with the updated document', async () => {
    await assertProperty(
      fc.asyncProperty(productEventCase(EventType.PRODUCT_UPDATED), async ({ event, product, variants }) => {
        await consumer.expectDalCalls(event, productThenVariants(product, variants), `product.updated carries the whole document: the same calls as product.created.\n${lesson.exercise('5.4')}`);
      }),
    );
  });

  it('product.created without any variant still calls replaceVariants, with an empty list', async () => {
    for (const strip of [(d: ProductDocument) => void delete d.variants, (d: ProductDocument) => void (d.variants = null), (d: ProductDocument) => void (d.variants = {})]) {
      const document = buildProduct();
      strip(document);
      const calls = await consumer.deliver(created(document));
      expect(
        calls.map((call) => [call.method, ...(call.method === 'replaceVariants' ? [call.args[1]] : [])]),
        `data.variants ${document.variants === undefined ? 'missing' : JSON.stringify(document.variants)}: insertProduct, then replaceVariants(productId, []). ` +
          `Object.entries(data.variants ?? {}) is empty then, and the replace still runs, so that an update that drops every variant removes them.\n${lesson.exercise('5.4')}`,
      ).toEqual([['insertProduct'], ['replaceVariants', []]]);
    }
  });

  it.each(WITHOUT)('a product with %s is handed over with %s there, not an error', async (_part, handedOver, strip, expected) => {
    const document = buildProduct();
    strip(document);
    const calls = await consumer.deliver(created(document));
    expect(argumentOf(calls, 'insertProduct', 0)).toEqualRow(
      { ...expected, name: document.name },
      {
        columns: [...Object.keys(expected), 'name'],
        partial: true,
        why:
          handedOver === 'null'
            ? `A part missing from the document becomes null: read it with ?. and end with ?? null. For the JSON column that means null (SQL NULL), not JSON.stringify(null), which is the text 'null'.`
            : `An empty attributes object is still a document: JSON.stringify({}) is '{}', stored as an empty JSON object. Only a missing or null attributes becomes SQL NULL.`,
        // the text 'null' in the JSON column is taught in section 3; the other parts by the flattening map
        pointer: 'attributes_json' in expected && handedOver === 'null' ? jsonNull : flattening,
      },
    );
  });

  it.each(VARIANT_WITHOUT)('a variant with %s is handed over with null there', async (_part, strip, field) => {
    const variant = buildVariant();
    strip(variant);
    const calls = await consumer.deliver(created(buildProduct({ variants: { 'red-xl': variant } })));
    const [row] = (argumentOf(calls, 'replaceVariants', 1) as VariantRow[] | undefined) ?? [];
    // a variant_key that is not the map's key (Object.values, numbered by position) is another mistake than a missing part
    const keyLost = row !== undefined && row.variant_key !== 'red-xl';
    expect(row).toEqualRow(
      { variant_key: 'red-xl', sku: variant.sku, [field]: null },
      {
        columns: ['variant_key', 'sku', field],
        partial: true,
        why: keyLost
          ? `variant_key is the variant's KEY in data.variants ('red-xl' here), not its position or a field of it: Object.entries(data.variants ?? {}) gives [key, variant] pairs (Object.values drops the keys).`
          : field === 'attributes_json'
            ? `A part missing from the variant becomes null (?? null): for the JSON column, null (SQL NULL), not JSON.stringify(null), which is the text 'null'.`
            : 'A part missing from the variant becomes null (?? null).',
        pointer: !keyLost && field === 'attributes_json' ? jsonNull : flattening,
      },
    );
  });

  it('attributes are handed over as JSON text made with JSON.stringify', async () => {
    const document = buildProduct();
    const calls = await consumer.deliver(created(document));
    const text = (argumentOf(calls, 'insertProduct', 0) as ProductRow | undefined)?.attributes_json;
    expect(typeof text, `attributes_json must be text: JSON.stringify(data.attributes), not the object itself.\n${flattening}`).toBe('string');
    expect(
      canonicalJsonText(text!),
      `attributes_json must be JSON text that parses back to the document's attributes (String() gives '[object Object]', which is not JSON).\n${flattening}`,
    ).toBe(canonicalJson(document.attributes));
  });

  it('product.updated that drops a variant hands replaceVariants only the variants it still has', async () => {
    const document = buildProduct({ variants: { 'red-xl': buildVariant(), 'navy-m': buildVariant({ sku: 'TS-NAVY-M' }) } });
    const dropped = { ...document, variants: { 'red-xl': buildVariant({ stock: 0, is_active: false }) } };
    const calls = await consumer.deliver(updated(dropped));
    expect((argumentOf(calls, 'replaceVariants', 1) as VariantRow[] | undefined) ?? []).toEqualRows([{ variant_key: 'red-xl', sku: 'TS-ORG-RED-XL', stock: 0, is_active: false }], {
      columns: ['variant_key', 'sku', 'stock', 'is_active'],
      partial: true,
      table: 'variants',
      why: `After navy-m was dropped, the update's variants are red-xl alone: replaceVariants makes the product's variants exactly that list, so navy-m goes.`,
      pointer: lesson.exercise('5.4'),
    });
  });

  it('a redelivered event makes the same calls again (the upsert and the replace make that harmless)', async () => {
    await assertProperty(
      fc.asyncProperty(productEventCase(EventType.PRODUCT_CREATED), async ({ event, product, variants }) => {
        const why = `Kafka delivers at least once: the second delivery of the same event is handled like the first.\n${lesson.exercise('5.4')}`;
        await consumer.expectDalCalls(event, productThenVariants(product, variants), why);
        await consumer.expectDalCalls(event, productThenVariants(product, variants), why);
      }),
    );
  });

  it('product.deleted calls deleteProduct(product_id), and nothing else: the cascade removes the variants', async () => {
    const deleted = buildProduct();
    await consumer.expectDalCalls(
      productEvent(EventType.PRODUCT_DELETED, { product_id: deleted.product_id }),
      [{ method: 'deleteProduct', args: [deleted.product_id] }],
      'product.deleted is one hard delete of the product: the foreign key\'s ON DELETE CASCADE removes its variants, no call of your own needed.',
    );
  });

  // the method second: the title names it (%s of the event would print "{ …(5) }")
  const failing: [string, string, EventEnvelope<object>][] = [
    ['product.created', 'insertProduct', created(buildProduct())],
    ['product.created', 'replaceVariants', created(buildProduct())],
    ['product.updated', 'insertProduct', updated(buildProduct())],
    ['product.updated', 'replaceVariants', updated(buildProduct())],
    ['product.deleted', 'deleteProduct', productEvent(EventType.PRODUCT_DELETED, { product_id: buildProduct().product_id })],
  ];
  it.each(failing)('%s: when %s fails, the handler fails too (the framework then retries the event)', async (_type, method, event) => {
    await consumer.expectRejectsWhenDalFails(event, method);
  });
});
