/**
 * Exercise 5.2 (DAL): ProductDAL.insertProduct and deleteProduct against a real database, checked
 * with generated products. Rows a test needs beforehand are written with the test's own SQL, so
 * each test judges one method only.
 * Run: npm test -- katas/04-product/5.2
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { objectId } from '../../harness/events/arbitraries.ts';
import { productRow, variantSet } from '../../harness/events/product.arbitraries.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import { arrangeProducts, arrangeVariants, readProducts, readVariants, sortProducts, sortVariants, storedProduct, storedVariants } from '../../harness/testing/product-tables.ts';
import { assertProperty } from '../../harness/testing/properties.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { ProductDAL } from './product-dal.ts';
import { tables } from './tables.ts';

const lesson = lessonFor('04-product');
const db = useKataDatabase({ kata: '04-product', tables: () => tables, requires: { tables: ['products', 'product_variants'], exercise: '5.1' } });
const dal = new ProductDAL();

describe('Exercise 5.2: ProductDAL.insertProduct', () => {
  it('stores all 14 columns exactly as given: the price to the cent, the attributes as the same JSON document', async () => {
    await assertProperty(
      fc.asyncProperty(productRow(), async (row) => {
        await db.reset();
        await dal.insertProduct(row);
        expect(
          await readProducts(db, { product_id: row.product_id }),
          `SELECT after insertProduct(row) should return exactly that row (attributes_json compared as a document: ` +
            `key order and spacing may differ, the content may not). A value in the wrong column means the column list and the values are not in the same order.\n${lesson.exercise('5.2')}`,
        ).toEqual([storedProduct(row)]);
      }),
    );
  });

  it('is idempotent: the same upsert applied twice leaves one identical row', async () => {
    await assertProperty(
      fc.asyncProperty(productRow(), async (row) => {
        await db.reset();
        await dal.insertProduct(row);
        await dal.insertProduct(row);
        expect(await readProducts(db, { product_id: row.product_id }), `Storing the same event twice must leave one row.\n${lesson.exercise('5.2')}`).toEqual([storedProduct(row)]);
      }),
    );
  });

  it('on a duplicate product_id, updates every column except product_id and created_at', async () => {
    await assertProperty(
      fc.asyncProperty(productRow(), productRow(), async (first, later) => {
        const second = { ...later, product_id: first.product_id };
        await db.reset();
        await dal.insertProduct(first);
        await dal.insertProduct(second);
        expect(
          await readProducts(db, { product_id: first.product_id }),
          `After two upserts of the same product_id, the row holds the second's values, except created_at, which keeps the first's.\n${lesson.exercise('5.2')}`,
        ).toEqual([storedProduct({ ...second, created_at: first.created_at })]);
      }),
    );
  });

  it('leaves the product\'s variants alone (they are replaceVariants\' job, exercise 5.3)', async () => {
    await assertProperty(
      fc.asyncProperty(productRow(), productRow(), variantSet({ minLength: 1 }), async (first, later, variants) => {
        const second = { ...later, product_id: first.product_id };
        await db.reset();
        await arrangeProducts(db, [first]);
        await arrangeVariants(db, first.product_id, variants);
        await dal.insertProduct(second);
        expect(
          await readVariants(db),
          `Upserting a product that has variants keeps them: ON DUPLICATE KEY UPDATE changes the row in place ` +
            `(REPLACE INTO or DELETE + INSERT would delete the product, and the cascade its variants).\n${lesson.exercise('5.2')}`,
        ).toEqual(storedVariants(first.product_id, variants));
      }),
    );
  });
});

describe('Exercise 5.2: ProductDAL.deleteProduct', () => {
  it('removes exactly that product, and its variants go with it', async () => {
    await assertProperty(
      fc.asyncProperty(
        fc.uniqueArray(fc.tuple(productRow(), variantSet()), { minLength: 2, maxLength: 4, selector: ([row]) => row.product_id }),
        fc.nat(),
        async (catalogue, pick) => {
          await db.reset();
          for (const [row, variants] of catalogue) {
            await arrangeProducts(db, [row]);
            await arrangeVariants(db, row.product_id, variants);
          }
          const doomed = catalogue[pick % catalogue.length]![0];
          await dal.deleteProduct(doomed.product_id);
          const kept = catalogue.filter(([row]) => row !== doomed);
          expect(
            await readProducts(db),
            `A hard delete removes the product's row (no deleted_at here), and only that row.\n${lesson.exercise('5.2')}`,
          ).toEqual(sortProducts(kept.map(([row]) => storedProduct(row))));
          expect(
            await readVariants(db),
            `The deleted product's variants are gone (ON DELETE CASCADE), every other product's are still there.\n${lesson.exercise('5.2')}`,
          ).toEqual(sortVariants(kept.flatMap(([row, variants]) => storedVariants(row.product_id, variants))));
        },
      ),
    );
  });

  it('changes nothing for an unknown product_id', async () => {
    await assertProperty(
      fc.asyncProperty(productRow(), variantSet(), objectId(), async (row, variants, unknownId) => {
        fc.pre(unknownId !== row.product_id);
        await db.reset();
        await arrangeProducts(db, [row]);
        await arrangeVariants(db, row.product_id, variants);
        await expect(dal.deleteProduct(unknownId)).resolves.toBeUndefined();
        expect(await readProducts(db), `deleteProduct for an id that does not exist deletes nothing.\n${lesson.exercise('5.2')}`).toEqual([storedProduct(row)]);
        expect(await readVariants(db), `deleteProduct for an id that does not exist deletes no variant either.\n${lesson.exercise('5.2')}`).toEqual(storedVariants(row.product_id, variants));
      }),
    );
  });
});
