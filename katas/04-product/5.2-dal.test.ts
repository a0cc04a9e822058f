/**
 * Exercise 5.2 (DAL): ProductDAL.insertProduct and deleteProduct against a real database, checked
 * with generated products. Rows a test needs beforehand are written with the harness's own SQL,
 * so each test judges one method only.
 * Run: npm test -- katas/04-product/5.2
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { objectId } from '../../harness/events/arbitraries.ts';
import { productRow, variantSet } from '../../harness/events/product.arbitraries.ts';
import { PRODUCT_COLUMNS } from '../../harness/events/product.ts';
import { assertReleasesOnFailure } from '../../harness/testing/connection-leaks.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import { arrangeProducts, arrangeVariants, readProducts, readVariants, STORED_VARIANT_COLUMNS, storedProduct, storedVariants } from '../../harness/testing/product-tables.ts';
import { assertProperty } from '../../harness/testing/properties.ts';
import { assertSentAsParameters } from '../../harness/testing/statements.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { ProductDAL } from './product-dal.ts';
import { tables } from './tables.ts';

const lesson = lessonFor('04-product');
const db = useKataDatabase({ kata: '04-product', tables: () => tables, requires: { tables: ['products', 'product_variants'], exercise: '5.1' } });
const dal = new ProductDAL();
const placeholders = lesson.paragraph('Exercise 5.2', 'Placeholders, never pasted values');

/** How rows are compared: column by column, in the table's order (attributes_json as a JSON document). */
const products = (why: string) => ({ columns: PRODUCT_COLUMNS, table: 'products', why, pointer: lesson.exercise('5.2') });
const variants = (why: string) => ({ columns: STORED_VARIANT_COLUMNS, key: ['product_id', 'variant_key'], table: 'product_variants', why, pointer: lesson.exercise('5.2') });
/** A statement that fails: every write is refused (a read-only session) while the method runs. */
const whenItFails = (what: string, call: () => Promise<unknown>) =>
  db.whileWritesFail(() => assertReleasesOnFailure(db.pool, what, call, 'the test made every write fail'));
/** One generated product (always the same), for the tests that need just one. */
const someProduct = fc.sample(productRow(), { numRuns: 1, seed: 4 })[0]!;

describe('Exercise 5.2: ProductDAL.insertProduct', () => {
  it('stores all 14 columns exactly as given: the price to the cent, the attributes as the same JSON document', async () => {
    await assertProperty(
      fc.asyncProperty(productRow(), async (row) => {
        await db.reset();
        await dal.insertProduct(row);
        expect(await readProducts(db, { product_id: row.product_id })).toEqualRows(
          [storedProduct(row)],
          products(
            `SELECT after insertProduct(row) should return exactly that row (attributes_json compared as a document: key order and spacing may differ, ` +
              `the content may not). A value in the wrong column means the column list and the values are not in the same order.`,
          ),
        );
      }),
    );
  });

  it('is idempotent: the same upsert applied twice leaves one identical row', async () => {
    await assertProperty(
      fc.asyncProperty(productRow(), async (row) => {
        await db.reset();
        await dal.insertProduct(row);
        await dal.insertProduct(row);
        expect(await readProducts(db, { product_id: row.product_id })).toEqualRows([storedProduct(row)], products('Storing the same event twice must leave one row, unchanged.'));
      }),
    );
  });

  it('on a duplicate product_id, updates every column except product_id and created_at', async () => {
    await assertProperty(
      fc.asyncProperty(productRow(), productRow(), async (first, later) => {
        const second = { ...later, product_id: first.product_id };
        await db.reset();
        await arrangeProducts(db, [first]);
        await dal.insertProduct(second);
        expect(await readProducts(db, { product_id: first.product_id })).toEqualRows(
          [storedProduct({ ...second, created_at: first.created_at })],
          products(`With a row for this product_id already stored, insertProduct(second) should leave second's values, except created_at, which keeps the stored one.`),
        );
      }),
    );
  });

  it('leaves the product\'s variants alone (they are replaceVariants\' job, exercise 5.3)', async () => {
    await assertProperty(
      fc.asyncProperty(productRow(), productRow(), variantSet({ minLength: 1 }), async (first, later, set) => {
        const second = { ...later, product_id: first.product_id };
        await db.reset();
        await arrangeProducts(db, [first]);
        await arrangeVariants(db, first.product_id, set);
        await dal.insertProduct(second);
        expect(await readVariants(db)).toEqualRows(
          storedVariants(first.product_id, set),
          variants(
            `Upserting a product that has variants keeps them: ON DUPLICATE KEY UPDATE changes the row in place ` +
              `(REPLACE INTO, or DELETE then INSERT, deletes the product first, and the cascade takes its variants).`,
          ),
        );
      }),
    );
  });

  it('sends all 14 values as ? parameters, never inside the SQL text', async () => {
    await assertProperty(
      fc.asyncProperty(productRow(), async (row) => {
        await db.reset();
        const { statements } = await db.sent(() => dal.insertProduct(row));
        assertSentAsParameters('ProductDAL.insertProduct', statements, row, placeholders);
      }),
    );
  });

  it('fails when its statement fails, and gives its connection back', async () => {
    await whenItFails('ProductDAL.insertProduct', () => dal.insertProduct(someProduct));
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
          for (const [row, set] of catalogue) {
            await arrangeProducts(db, [row]);
            await arrangeVariants(db, row.product_id, set);
          }
          const doomed = catalogue[pick % catalogue.length]![0];
          await dal.deleteProduct(doomed.product_id);
          const kept = catalogue.filter(([row]) => row !== doomed);
          expect(await readProducts(db)).toEqualRows(
            kept.map(([row]) => storedProduct(row)),
            products(`deleteProduct('${doomed.product_id}') is a hard delete: that row goes (no deleted_at here), and only that row.`),
          );
          expect(await readVariants(db)).toEqualRows(
            kept.flatMap(([row, set]) => storedVariants(row.product_id, set)),
            variants(`The deleted product's variants are gone (ON DELETE CASCADE), every other product's are still there.`),
          );
        },
      ),
    );
  });

  it('is one DELETE of the product: the database removes the variants (ON DELETE CASCADE), not a statement of yours', async () => {
    await assertProperty(
      fc.asyncProperty(productRow(), variantSet({ minLength: 1 }), async (row, set) => {
        await db.reset();
        await arrangeProducts(db, [row]);
        await arrangeVariants(db, row.product_id, set);
        const { statements } = await db.sent(() => dal.deleteProduct(row.product_id));
        const sql = statements.map((statement) => statement.sql.replace(/\s+/g, ' ').trim());
        expect(
          sql.filter((text) => /product_variants/i.test(text)),
          `deleteProduct sent a statement on product_variants. The foreign key's ON DELETE CASCADE removes the variants with their product, ` +
            `in the same statement and for every variant, also those your code never heard of: one DELETE FROM products is the whole job.\n` +
            `Statements sent:\n${sql.map((text) => `  ${text}`).join('\n')}\n${lesson.paragraph('3. Schema deep dive', "ON DELETE decides what a parent's delete does to its children")}`,
        ).toEqual([]);
      }),
    );
  });

  it('changes nothing for an unknown product_id', async () => {
    await assertProperty(
      fc.asyncProperty(productRow(), variantSet(), objectId(), async (row, set, unknownId) => {
        fc.pre(unknownId !== row.product_id);
        await db.reset();
        await arrangeProducts(db, [row]);
        await arrangeVariants(db, row.product_id, set);
        await expect(dal.deleteProduct(unknownId)).resolves.toBeUndefined();
        expect(await readProducts(db)).toEqualRows([storedProduct(row)], products('deleteProduct for an id that does not exist deletes nothing.'));
        expect(await readVariants(db)).toEqualRows(storedVariants(row.product_id, set), variants('deleteProduct for an id that does not exist deletes no variant either.'));
      }),
    );
  });

  it('sends the product_id as a ? parameter, never inside the SQL text', async () => {
    await assertProperty(
      fc.asyncProperty(productRow(), async (row) => {
        await db.reset();
        await arrangeProducts(db, [row]);
        const { statements } = await db.sent(() => dal.deleteProduct(row.product_id));
        assertSentAsParameters('ProductDAL.deleteProduct', statements, { product_id: row.product_id }, placeholders);
      }),
    );
  });

  it('fails when its statement fails, and gives its connection back', async () => {
    await whenItFails('ProductDAL.deleteProduct', () => dal.deleteProduct(someProduct.product_id));
  });
});
