/**
 * Exercise 5.3 (DAL): ProductDAL.replaceVariants, the replace pattern in one transaction, against
 * a real database. The products (and any earlier variants) are written with the test's own SQL,
 * so these tests judge replaceVariants alone.
 * Run: npm test -- katas/04-product/5.3
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { productRow, variantRow, variantSet } from '../../harness/events/product.arbitraries.ts';
import type { ProductRow, VariantRow } from '../../harness/events/product.ts';
import { assertReleasesOnFailure } from '../../harness/testing/connection-leaks.ts';
import { ranBesideTheTransaction } from '../../harness/testing/lock-waits.ts';
import { UnawaitedStatementError } from '../../harness/testing/unawaited-statements.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import { arrangeProducts, arrangeVariants, readVariants, STORED_VARIANT_COLUMNS, storedVariants } from '../../harness/testing/product-tables.ts';
import { assertProperty } from '../../harness/testing/properties.ts';
import { assertSentAsParameters } from '../../harness/testing/statements.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { ProductDAL } from './product-dal.ts';
import { tables } from './tables.ts';

const lesson = lessonFor('04-product');
const db = useKataDatabase({ kata: '04-product', tables: () => tables, requires: { tables: ['products', 'product_variants'], exercise: '5.1' } });
const dal = new ProductDAL();
const placeholders = lesson.paragraph('Exercise 5.2', 'Placeholders, never pasted values');
const transactions = lesson.paragraph('Exercise 5.3', 'Transactions');

/** How variant rows are compared: column by column, in the table's order, told apart by (product_id, variant_key). */
const variants = (why: string) => ({ columns: STORED_VARIANT_COLUMNS, key: ['product_id', 'variant_key'], table: 'product_variants', why, pointer: lesson.exercise('5.3') });

/** A product row for tests that need just one, fixed. */
const buildProductRow = (): ProductRow => ({
  product_id: 'd00000000000000000000001',
  supplier_id: '65f0c2e4b0a1b2c3d4e5f601',
  name: 'Organic Cotton T-Shirt',
  description: null,
  category: 'apparel',
  brand: null,
  status: 'active',
  price: '24.50',
  currency: 'EUR',
  attributes_json: null,
  created_at: '2024-05-02 08:15:00.000001',
  updated_at: '2024-05-02 08:15:00.000001',
  event_id: '8d1f3c2a-0b4e-4e53-9a51-3f9a7e1c2d10',
  event_timestamp: '2024-05-02 08:15:00.250000',
});

/** Two variants for tests that need some, fixed. */
const SOME_VARIANTS: VariantRow[] = [
  { variant_key: 'red-xl', sku: 'TS-ORG-RED-XL', name: 'Red, XL', price: '27.50', stock: 12, is_active: true, attributes_json: '{"color":"red","size":"XL"}' },
  { variant_key: 'navy-m', sku: 'TS-ORG-NAVY-M', name: null, price: null, stock: 0, is_active: false, attributes_json: null },
];

const twoProducts = fc.uniqueArray(productRow(), { minLength: 2, maxLength: 2, selector: (row) => row.product_id }) as fc.Arbitrary<[ProductRow, ProductRow]>;

describe('Exercise 5.3: ProductDAL.replaceVariants', () => {
  it('stores exactly the given variants: keys, prices to the cent, stock, is_active and attributes as the same JSON document', async () => {
    await assertProperty(
      fc.asyncProperty(productRow(), variantSet(), async (product, set) => {
        await db.reset();
        await arrangeProducts(db, [product]);
        await dal.replaceVariants(product.product_id, set);
        expect(await readVariants(db)).toEqualRows(
          storedVariants(product.product_id, set),
          variants(`SELECT after replaceVariants(productId, variants) should return one row per variant, each value in its own column (is_active as 1/0, attributes_json compared as a document).`),
        );
      }),
    );
  });

  it('after any sequence of replaces, each product has exactly its last set, and the other product\'s variants are untouched', async () => {
    await assertProperty(
      fc.asyncProperty(
        twoProducts,
        fc.array(fc.tuple(fc.constantFrom(0 as const, 1 as const), variantSet()), { minLength: 1, maxLength: 5 }),
        async (products, replaces) => {
          await db.reset();
          await arrangeProducts(db, products);
          const last: [VariantRow[], VariantRow[]] = [[], []];
          for (const [which, set] of replaces) {
            await dal.replaceVariants(products[which].product_id, set);
            last[which] = set;
          }
          expect(await readVariants(db)).toEqualRows(
            [...storedVariants(products[0].product_id, last[0]), ...storedVariants(products[1].product_id, last[1])],
            variants(
              `Each replace makes the product's variants exactly the new set: variants left out are deleted (DELETE ... WHERE product_id = ? first), ` +
                `and only that product's variants are touched.`,
            ),
          );
        },
      ),
    );
  });

  it('is idempotent: the same replace applied twice leaves the same rows', async () => {
    await assertProperty(
      fc.asyncProperty(productRow(), variantSet(), async (product, set) => {
        await db.reset();
        await arrangeProducts(db, [product]);
        await dal.replaceVariants(product.product_id, set);
        await dal.replaceVariants(product.product_id, set);
        expect(await readVariants(db, product.product_id)).toEqualRows(
          storedVariants(product.product_id, set),
          variants('Kafka may deliver the same event twice: replacing with the same set again must leave that set, not fail on the UNIQUE key.'),
        );
      }),
    );
  });

  it('an empty list removes every variant of the product', async () => {
    await assertProperty(
      fc.asyncProperty(productRow(), variantSet({ minLength: 1 }), async (product, earlier) => {
        await db.reset();
        await arrangeProducts(db, [product]);
        await arrangeVariants(db, product.product_id, earlier);
        await dal.replaceVariants(product.product_id, []);
        expect(await readVariants(db)).toEqualRows([], variants('replaceVariants(productId, []) leaves the product with no variants.'));
      }),
    );
  });

  it('is atomic: when one INSERT fails, the previous variants are all still there and the error reaches the caller', async () => {
    await assertProperty(
      fc.asyncProperty(productRow(), variantSet({ minLength: 1 }), variantSet({ minLength: 1 }), fc.nat(), variantRow(), async (product, earlier, next, at, twin) => {
        // the same key twice in one replace: the UNIQUE key refuses the second INSERT
        const duplicate = { ...twin, variant_key: next[at % next.length]!.variant_key };
        const broken = [...next.slice(0, (at % next.length) + 1), duplicate, ...next.slice((at % next.length) + 1)];
        await db.reset();
        await arrangeProducts(db, [product]);
        await arrangeVariants(db, product.product_id, earlier);
        const outcome = await dal.replaceVariants(product.product_id, broken).then(
          () => undefined,
          (error: unknown) => error,
        );
        // the harness refused a COMMIT that its INSERTs, not awaited, would have passed by: that is
        // the mistake to name (a real COMMIT would have gone through, the refusal never reaching the caller)
        if (outcome instanceof UnawaitedStatementError) throw outcome;
        await expect(
          outcome === undefined ? Promise.resolve() : Promise.reject(outcome),
          `replaceVariants with the variant key '${duplicate.variant_key}' twice must fail (the UNIQUE key refuses the second row), ` +
            `and the error must reach the caller, so that the framework retries or dead-letters the event.\n${transactions}`,
        ).rejects.toThrow();
        const beside = db.sentBesideTransaction();
        expect(await readVariants(db)).toEqualRows(storedVariants(product.product_id, earlier), {
          ...variants(
            `A replace that failed half-way must leave the previous variants exactly as they were: the DELETE and the INSERTs run in ONE transaction ` +
              `(withTransaction), on the connection it hands you, and its ROLLBACK undoes the DELETE.` +
              (beside.length > 0 ? `\n${ranBesideTheTransaction(beside)}` : ''),
          ),
          pointer: transactions,
        });
      }),
    );
  });

  it('hands its connection back: many replaces in a row all go through', async () => {
    await db.reset();
    const product = buildProductRow();
    await arrangeProducts(db, [product]);
    // the pool has 10 connections: a replace that never gives its connection back stalls by the 11th
    for (let round = 0; round < 15; round++) await dal.replaceVariants(product.product_id, SOME_VARIANTS);
    expect(await readVariants(db, product.product_id)).toEqualRows(storedVariants(product.product_id, SOME_VARIANTS), variants('Fifteen replaces in a row, all through.'));
  });

  it('fails when a statement fails, and gives its connection back', async () => {
    await db.reset();
    const product = buildProductRow();
    await arrangeProducts(db, [product]);
    await db.whileWritesFail(() =>
      assertReleasesOnFailure(db.pool, 'ProductDAL.replaceVariants', () => dal.replaceVariants(product.product_id, SOME_VARIANTS), 'the test made every write fail'),
    );
  });

  it('sends every value as a ? parameter, never inside the SQL text', async () => {
    await assertProperty(
      fc.asyncProperty(productRow(), variantSet({ minLength: 1 }), async (product, set) => {
        await db.reset();
        await arrangeProducts(db, [product]);
        const { statements } = await db.sent(() => dal.replaceVariants(product.product_id, set));
        const values = Object.fromEntries([
          ['product_id', product.product_id],
          ...set.flatMap((variant, index) => Object.entries(variant).map(([column, value]) => [`variants[${index}].${column}`, value])),
        ]);
        assertSentAsParameters('ProductDAL.replaceVariants', statements, values, placeholders);
        // the product_id travels in every INSERT's parameters: also make sure no statement pastes it
        const pasted = statements.filter((statement) => statement.sql.includes(product.product_id)).map((statement) => statement.sql.replace(/\s+/g, ' ').trim());
        expect(
          pasted,
          `ProductDAL.replaceVariants pasted the product_id into the SQL text of ${pasted.length === 1 ? 'this statement' : 'these statements'} instead of sending it as a ? parameter. ` +
            `A value pasted into SQL breaks on the first quote and lets crafted input run SQL of its own.\n${placeholders}`,
        ).toEqual([]);
      }),
    );
  });
});
