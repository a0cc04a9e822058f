/**
 * Exercise 5.4 (Consumer): ProductConsumer's handlers, called the way the framework calls them.
 * They are handed a DAL that records every call and keeps the two tables in memory, with the
 * rules of the real ones (the foreign key, the cascade, the UNIQUE key): so these tests judge
 * your handlers, whatever state your DAL is in. 5.4-consumer.e2e.test.ts then runs everything,
 * your DAL and tables included, through Kafka.
 * Run: npm test -- katas/04-product/5.4
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventType, type EventEnvelope } from '../../harness/events/contract.ts';
import { productEventCase } from '../../harness/events/product.arbitraries.ts';
import { buildProduct, buildVariant, productEvent, type ProductDocument, type ProductRow } from '../../harness/events/product.ts';
import { describeCalls, spyOnDal } from '../../harness/testing/dal-spy.ts';
import { handlerFrom } from '../../harness/testing/handlers.ts';
import { canonicalJson, canonicalJsonText } from '../../harness/testing/json-columns.ts';
import { storedProduct, storedVariants } from '../../harness/testing/product-tables.ts';
import { ProductStore } from '../../harness/testing/product-store.ts';
import { assertProperty } from '../../harness/testing/properties.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { ProductConsumer } from './product-consumer.ts';
import type { ProductDAL } from './product-dal.ts';

const lesson = lessonFor('04-product');
const flattening = lesson.section('4. The flattening map');

/** A consumer wired to a recording, in-memory DAL; `handle` calls a handler as the framework does. */
function consumerOnRecordingDal() {
  const store = new ProductStore(lesson.exercise('5.4'));
  const spy = spyOnDal(store);
  const consumer = new ProductConsumer(spy.dal as unknown as ProductDAL);
  const handle = (event: EventEnvelope<object>) => handlerFrom(consumer.getHandlers(), event.event_type as EventType, lesson.exercise('5.4'))(event);
  const variantsOf = (productId: string) => storedVariants(productId, store.variants.get(productId) ?? []);
  const productOf = (productId: string) => {
    const row = store.products.get(productId);
    return row && storedProduct(row);
  };
  return { store, calls: spy.calls, handle, variantsOf, productOf };
}

const created = (document: ProductDocument) => productEvent(EventType.PRODUCT_CREATED, document);
const updated = (document: ProductDocument) => productEvent(EventType.PRODUCT_UPDATED, document);

/** Each optional part taken away in turn, and what must then be stored instead. */
const WITHOUT: [part: string, strip: (document: ProductDocument) => void, product: Partial<ProductRow>, variantCount: number][] = [
  ['no description', (d) => void delete d.description, { description: null }, 2],
  ['category: null', (d) => void (d.category = null), { category: null }, 2],
  ['no brand', (d) => void delete d.brand, { brand: null }, 2],
  ['no attributes', (d) => void delete d.attributes, { attributes_json: null }, 2],
  ['attributes: null', (d) => void (d.attributes = null), { attributes_json: null }, 2],
  ['attributes: {}', (d) => void (d.attributes = {}), { attributes_json: '{}' }, 2],
  ['no variants', (d) => void delete d.variants, {}, 0],
  ['variants: null', (d) => void (d.variants = null), {}, 0],
  ['variants: {}', (d) => void (d.variants = {}), {}, 0],
];

/** Parts of one variant taken away in turn, and the columns that must then be NULL. */
const VARIANT_WITHOUT: [part: string, strip: (variant: ReturnType<typeof buildVariant>) => void, column: 'name' | 'price' | 'attributes_json'][] = [
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

  it('product.created stores the product, then one variant per key of data.variants', async () => {
    await assertProperty(
      fc.asyncProperty(productEventCase(EventType.PRODUCT_CREATED), async ({ event, product, variants }) => {
        const { calls, handle, productOf, variantsOf } = consumerOnRecordingDal();
        await handle(event);
        expect(
          productOf(product.product_id),
          `What handleProductCreated handed to insertProduct (attributes_json compared as a JSON document).\n${flattening}`,
        ).toEqual(storedProduct(product));
        expect(
          variantsOf(product.product_id),
          `The variants handed to replaceVariants: one per KEY of data.variants, variant_key being the key itself ` +
            `(is_active compared as the 1/0 the column holds, attributes_json as a JSON document).\nThe calls:\n${describeCalls(calls)}\n${flattening}`,
        ).toEqual(storedVariants(product.product_id, variants));
      }),
    );
  });

  it('stores the product before its variants (the foreign key demands it), and calls replaceVariants even when there are none', async () => {
    await assertProperty(
      fc.asyncProperty(productEventCase(EventType.PRODUCT_CREATED), async ({ event }) => {
        const { calls, handle } = consumerOnRecordingDal();
        await handle(event);
        expect(
          calls.map((call) => call.method),
          `handleProductCreated calls insertProduct, then replaceVariants, once each. replaceVariants comes second because every variant row ` +
            `points at its product; it is called even with an empty list, so that an update that drops every variant removes them.\n` +
            `The calls:\n${describeCalls(calls)}\n${lesson.exercise('5.4')}`,
        ).toEqual(['insertProduct', 'replaceVariants']);
      }),
    );
  });

  it.each(WITHOUT)('a product with %s is stored, with NULL (or nothing) there', async (_part, strip, expected, variantCount) => {
    const { handle, productOf, variantsOf } = consumerOnRecordingDal();
    const document = buildProduct();
    strip(document);
    await handle(created(document));
    const product = productOf(document.product_id);
    expect(product, `The product should be stored.\n${flattening}`).toBeDefined();
    expect(
      Object.fromEntries(Object.keys(expected).map((column) => [column, product![column as keyof ProductRow]])),
      `A part missing from the document becomes SQL NULL: read it with ?. and end with ?? null. ` +
        `For a JSON column that means null, not JSON.stringify(null), which is the text 'null'.\n${flattening}`,
    ).toEqual(expected);
    expect(variantsOf(document.product_id), `data.variants missing, null or {} means no variant rows; otherwise one per key.\n${flattening}`).toHaveLength(variantCount);
  });

  it.each(VARIANT_WITHOUT)('a variant with %s is stored with NULL there', async (_part, strip, column) => {
    const { handle, variantsOf } = consumerOnRecordingDal();
    const variant = buildVariant();
    strip(variant);
    const document = buildProduct({ variants: { 'red-xl': variant } });
    await handle(created(document));
    const [row] = variantsOf(document.product_id);
    expect(row, `The variant 'red-xl' should be stored.\n${flattening}`).toBeDefined();
    expect(row![column], `A part missing from the variant becomes SQL NULL (?? null).\n${flattening}`).toBeNull();
    expect(row!.sku).toBe(variant.sku);
  });

  it('attributes are stored as JSON text made with JSON.stringify', async () => {
    const { calls, handle } = consumerOnRecordingDal();
    const document = buildProduct();
    await handle(created(document));
    const handed = calls.find((call) => call.method === 'insertProduct')?.args[0] as ProductRow | undefined;
    expect(typeof handed?.attributes_json, `attributes_json must be text: JSON.stringify(data.attributes).\n${flattening}`).toBe('string');
    expect(
      canonicalJsonText(handed!.attributes_json!),
      `attributes_json must be JSON text that parses back to the document's attributes (String() gives '[object Object]', which is not JSON).\n${flattening}`,
    ).toBe(canonicalJson(document.attributes));
  });

  it('product.updated replaces the variant set: a variant it leaves out disappears, a changed one changes, a new one appears', async () => {
    const { handle, variantsOf } = consumerOnRecordingDal();
    const document = buildProduct({ variants: { 'red-xl': buildVariant(), 'navy-m': buildVariant({ sku: 'TS-NAVY-M' }), 'sand-s': buildVariant({ sku: 'TS-SAND-S' }) } });
    await handle(created(document));
    await handle(updated({ ...document, variants: { 'red-xl': buildVariant({ stock: 0, is_active: false }), 'olive-l': buildVariant({ sku: 'TS-OLIVE-L' }) } }));
    expect(
      variantsOf(document.product_id).map((row) => [row.variant_key, row.stock, row.is_active]),
      `After product.updated, the product has exactly the update's variants: navy-m and sand-s are gone, red-xl changed, olive-l is new.\n${lesson.exercise('5.4')}`,
    ).toEqual([['olive-l', 12, 1], ['red-xl', 0, 0]]);
  });

  it('product.updated without any variant removes them all', async () => {
    const { handle, variantsOf } = consumerOnRecordingDal();
    const document = buildProduct();
    await handle(created(document));
    const { variants: _dropped, ...withoutVariants } = document;
    await handle(updated(withoutVariants));
    expect(variantsOf(document.product_id), `The product no longer has variants: replaceVariants(productId, []) must still run.\n${lesson.exercise('5.4')}`).toEqual([]);
  });

  it('product.updated stores the update\'s values in every column', async () => {
    await assertProperty(
      fc.asyncProperty(productEventCase(EventType.PRODUCT_CREATED), productEventCase(EventType.PRODUCT_UPDATED), async (first, second) => {
        const { handle, productOf, variantsOf } = consumerOnRecordingDal();
        const id = first.event.entity_id;
        const event: EventEnvelope<ProductDocument> = { ...second.event, entity_id: id, data: { ...second.event.data, product_id: id } };
        await handle(first.event);
        await handle(event);
        expect(productOf(id), `After product.created then product.updated: the update's values (created_at aside, the DAL keeps the first).\n${lesson.exercise('5.4')}`).toEqual(
          storedProduct({ ...second.product, product_id: id, created_at: first.product.created_at }),
        );
        expect(variantsOf(id), `After product.updated: exactly the update's variants.\n${lesson.exercise('5.4')}`).toEqual(storedVariants(id, second.variants));
      }),
    );
  });

  it('a duplicate delivery of the same event leaves the same rows', async () => {
    await assertProperty(
      fc.asyncProperty(productEventCase(EventType.PRODUCT_CREATED), async ({ event, product, variants }) => {
        const { handle, productOf, variantsOf } = consumerOnRecordingDal();
        await handle(event);
        await handle(event);
        expect(productOf(product.product_id), `Kafka delivers at least once: the same event twice leaves the same product.\n${lesson.exercise('5.4')}`).toEqual(storedProduct(product));
        expect(variantsOf(product.product_id), `... and the same variants, once each.\n${lesson.exercise('5.4')}`).toEqual(storedVariants(product.product_id, variants));
      }),
    );
  });

  it('product.deleted calls deleteProduct only: the database removes the variants (ON DELETE CASCADE)', async () => {
    const { calls, handle, productOf, variantsOf } = consumerOnRecordingDal();
    const kept = buildProduct();
    const doomed = buildProduct();
    for (const document of [kept, doomed]) await handle(created(document));
    const before = calls.length;
    await handle(productEvent(EventType.PRODUCT_DELETED, { product_id: doomed.product_id }));
    const deleting = calls.slice(before);
    expect(
      deleting,
      `handleProductDeleted makes one call, deleteProduct(productId): the foreign key's ON DELETE CASCADE removes the variants, no second statement needed.\n` +
        `The calls:\n${describeCalls(deleting)}\n${lesson.exercise('5.4')}`,
    ).toEqual([{ method: 'deleteProduct', args: [doomed.product_id] }]);
    expect(productOf(doomed.product_id), `The deleted product is gone.\n${lesson.exercise('5.4')}`).toBeUndefined();
    expect(variantsOf(doomed.product_id)).toEqual([]);
    expect(productOf(kept.product_id), `Another product stays.\n${lesson.exercise('5.4')}`).toBeDefined();
    expect(variantsOf(kept.product_id)).toHaveLength(2);
  });

  it.each([
    ['product.created', 'insertProduct', () => created(buildProduct())],
    ['product.created', 'replaceVariants', () => created(buildProduct())],
    ['product.updated', 'insertProduct', () => updated(buildProduct())],
    ['product.deleted', 'deleteProduct', () => productEvent(EventType.PRODUCT_DELETED, { product_id: buildProduct().product_id })],
  ] as const)('%s fails when %s fails (the error is not swallowed)', async (_type, method, event) => {
    const { store, handle } = consumerOnRecordingDal();
    store.failing = method;
    await expect(
      handle(event()),
      `When the DAL fails, the handler must fail too (let the error through, no try/catch that only logs it): the framework then retries the event, ` +
        `and dead-letters it after the last try. A handler that resolves tells the framework "stored", and the event is lost.\n${lesson.exercise('5.4')}`,
    ).rejects.toThrow(/ECONNREFUSED/);
  });
});
