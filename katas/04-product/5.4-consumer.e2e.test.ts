/**
 * Exercise 5.4, end to end: product events through Kafka, the framework and your code (handlers,
 * DAL, tables) into MySQL.
 * Run: npm test -- katas/04-product/5.4
 */
import { describe, expect, it } from 'vitest';
import { EventType, Topic } from '../../harness/events/contract.ts';
import { buildProduct, buildVariant, productEvent } from '../../harness/events/product.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import { useEventPipeline } from '../../harness/testing/pipeline.ts';
import { readProducts, readVariants } from '../../harness/testing/product-tables.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { ProductConsumer } from './product-consumer.ts';
import { tables } from './tables.ts';

const lesson = lessonFor('04-product');
const db = useKataDatabase({ kata: '04-product', tables: () => tables, requires: { tables: ['products', 'product_variants'], exercise: '5.1' } });
const pipeline = useEventPipeline({ handlers: () => new ProductConsumer().getHandlers(), topics: [Topic.PRODUCTS] });

describe('Exercise 5.4 end to end: Kafka -> consumer -> MySQL', () => {
  it('a product created with two variants, updated to drop one and add another, then deleted: both tables follow', async () => {
    const product = buildProduct();
    const id = product.product_id;
    const variantsNow = async () => (await readVariants(db, id)).map((row) => [row.variant_key, row.sku, row.price, row.stock, row.is_active, row.attributes_json]);

    await pipeline.deliver(productEvent(EventType.PRODUCT_CREATED, product));
    expect(await readProducts(db, { product_id: id }), `After product.created went through Kafka, SELECT should find the product.\n${lesson.exercise('5.4')}`).toEqual([
      expect.objectContaining({
        name: 'Organic Cotton T-Shirt',
        price: '24.50',
        attributes_json: '{"care":["30°C wash","no tumble dry"],"certifications":{"fair_wear":true,"gots":"GOTS-2231"},"material":"organic cotton","weight_g":180}',
        created_at: '2024-05-02 08:15:00.000001',
      }),
    ]);
    expect(await variantsNow(), `... and its two variants.\n${lesson.exercise('5.4')}`).toEqual([
      ['navy-m', 'TS-ORG-NAVY-M', null, 40, 1, '{"color":"navy","size":"M"}'],
      ['red-xl', 'TS-ORG-RED-XL', '27.50', 12, 1, '{"color":"red","size":"XL"}'],
    ]);

    const changed = {
      ...product,
      price: '22.00',
      variants: { 'red-xl': buildVariant({ stock: 0, is_active: false }), 'olive-l': buildVariant({ sku: 'TS-ORG-OLIVE-L', price: '26.00', attributes: { color: 'olive', size: 'L' } }) },
      updated_at: '2024-05-20T17:45:00.000002+02:00',
    };
    await pipeline.deliver(productEvent(EventType.PRODUCT_UPDATED, changed));
    expect(await readProducts(db, { product_id: id }), `After product.updated.\n${lesson.exercise('5.4')}`).toEqual([
      expect.objectContaining({ price: '22.00', updated_at: '2024-05-20 15:45:00.000002', created_at: '2024-05-02 08:15:00.000001' }),
    ]);
    expect(await variantsNow(), `After product.updated: navy-m is gone, red-xl is out of stock, olive-l is new.\n${lesson.exercise('5.4')}`).toEqual([
      ['olive-l', 'TS-ORG-OLIVE-L', '26.00', 12, 1, '{"color":"olive","size":"L"}'],
      ['red-xl', 'TS-ORG-RED-XL', '27.50', 0, 0, '{"color":"red","size":"XL"}'],
    ]);

    await pipeline.deliver(productEvent(EventType.PRODUCT_DELETED, { product_id: id }));
    expect(await readProducts(db, { product_id: id }), `After product.deleted the product is gone (a hard delete).\n${lesson.exercise('5.4')}`).toEqual([]);
    expect(await readVariants(db, id), `... and its variants with it (ON DELETE CASCADE).\n${lesson.exercise('5.4')}`).toEqual([]);
    expect(pipeline.log.filter((line) => line.includes(id)), 'the consumer logs one line per event').toHaveLength(3);
  });
});
