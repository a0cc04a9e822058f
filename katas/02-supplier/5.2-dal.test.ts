/**
 * Exercise 5.2 (DAL): SupplierDAL against a real database, checked with generated suppliers.
 * Each method is tested on its own: rows a test needs beforehand are inserted by the harness.
 * Run: npm test -- katas/02-supplier/5.2
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { objectId } from '../../harness/events/arbitraries.ts';
import { supplierRow } from '../../harness/events/supplier.arbitraries.ts';
import { SUPPLIER_COLUMNS, type SupplierRow } from '../../harness/events/supplier.ts';
import { assertReleasesOnFailure } from '../../harness/testing/connection-leaks.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import { assertProperty } from '../../harness/testing/properties.ts';
import { assertSentAsParameters } from '../../harness/testing/statements.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { tables } from './tables.ts';
import { SupplierDAL } from './supplier-dal.ts';

const lesson = lessonFor('02-supplier');
const db = useKataDatabase({ kata: '02-supplier', tables: () => tables, requires: { tables: ['suppliers'], exercise: '5.1' } });
const dal = new SupplierDAL();
const placeholders = lesson.paragraph('Exercise 5.2', 'Placeholders, never pasted values');

const selectSuppliers = (supplierId: string) => db.select<SupplierRow>('suppliers', SUPPLIER_COLUMNS, { supplier_id: supplierId });
/** A statement that fails: the test makes the database refuse writes while the method runs. */
const whenItFails = (what: string, call: () => Promise<unknown>) =>
  db.whileWritesFail(() => assertReleasesOnFailure(db.pool, what, call, 'the test made the database refuse writes for a moment'));
/** One generated supplier (always the same), for the tests that need just one. */
const someSupplier = fc.sample(supplierRow(), { numRuns: 1, seed: 1 })[0]!;

/** How rows of `suppliers` are compared: column by column, in the table's order. */
const suppliers = (why: string) => ({ columns: SUPPLIER_COLUMNS, table: 'suppliers', why, pointer: lesson.exercise('5.2') });

describe('Exercise 5.2: SupplierDAL.insertSupplier', () => {
  it('stores all 26 columns exactly as given, each in its own column', async () => {
    await assertProperty(
      fc.asyncProperty(supplierRow(), async (row) => {
        await db.reset();
        await dal.insertSupplier(row);
        expect(await selectSuppliers(row.supplier_id)).toEqualRows(
          [row],
          suppliers('SELECT after insertSupplier(row) should return exactly that row; a value in the wrong column means the column list and the values are not in the same order.'),
        );
      }),
    );
  });

  it('is idempotent: the same upsert applied twice leaves one identical row', async () => {
    await assertProperty(
      fc.asyncProperty(supplierRow(), async (row) => {
        await db.reset();
        await dal.insertSupplier(row);
        await dal.insertSupplier(row);
        expect(await selectSuppliers(row.supplier_id)).toEqualRows([row], suppliers('Storing the same event twice must leave one row, unchanged.'));
      }),
    );
  });

  it('on a duplicate supplier_id, updates every column except supplier_id and created_at', async () => {
    await assertProperty(
      fc.asyncProperty(supplierRow(), supplierRow(), async (first, later) => {
        const second = { ...later, supplier_id: first.supplier_id };
        await db.reset();
        await db.insert('suppliers', [first]);
        await dal.insertSupplier(second);
        expect(await selectSuppliers(first.supplier_id)).toEqualRows(
          [{ ...second, created_at: first.created_at }],
          suppliers(`With a row for this supplier_id already stored, insertSupplier(second) should leave second's values, except created_at, which keeps the stored one.`),
        );
      }),
    );
  });

  it('sends all 26 values as ? parameters, never inside the SQL text', async () => {
    await assertProperty(
      fc.asyncProperty(supplierRow(), async (row) => {
        await db.reset();
        const { statements } = await db.sent(() => dal.insertSupplier(row));
        assertSentAsParameters('SupplierDAL.insertSupplier', statements, row, placeholders);
      }),
    );
  });

  it('fails when its statement fails, and gives its connection back', async () => {
    await whenItFails('SupplierDAL.insertSupplier', () => dal.insertSupplier(someSupplier));
  });
});

describe('Exercise 5.2: SupplierDAL.deleteSupplier', () => {
  it('removes exactly that supplier\'s row and leaves the others', async () => {
    await assertProperty(
      fc.asyncProperty(fc.uniqueArray(supplierRow(), { minLength: 2, maxLength: 4, selector: (row) => row.supplier_id }), fc.nat(), async (rows, pick) => {
        await db.reset();
        await db.insert('suppliers', rows);
        const doomed = rows[pick % rows.length]!;
        await dal.deleteSupplier(doomed.supplier_id);
        expect(await db.select<SupplierRow>('suppliers', SUPPLIER_COLUMNS)).toEqualRows(
          rows.filter((row) => row !== doomed),
          suppliers(`deleteSupplier('${doomed.supplier_id}') is a hard delete: that row goes (no deleted_at here), and only that row.`),
        );
      }),
    );
  });

  it('changes nothing for an unknown supplier_id', async () => {
    await assertProperty(
      fc.asyncProperty(supplierRow(), objectId(), async (row, unknownId) => {
        fc.pre(unknownId !== row.supplier_id);
        await db.reset();
        await db.insert('suppliers', [row]);
        await expect(dal.deleteSupplier(unknownId)).resolves.toBeUndefined();
        expect(await db.select<SupplierRow>('suppliers', SUPPLIER_COLUMNS)).toEqualRows([row], suppliers('deleteSupplier for an id that does not exist deletes nothing: the DELETE removes only the row WHERE supplier_id = ? (without a WHERE, it deletes every row).'));
      }),
    );
  });

  it('sends the supplier_id as a ? parameter, never inside the SQL text', async () => {
    await assertProperty(
      fc.asyncProperty(supplierRow(), async (row) => {
        await db.reset();
        await db.insert('suppliers', [row]);
        const { statements } = await db.sent(() => dal.deleteSupplier(row.supplier_id));
        assertSentAsParameters('SupplierDAL.deleteSupplier', statements, { supplier_id: row.supplier_id }, placeholders);
      }),
    );
  });

  it('fails when its statement fails, and gives its connection back', async () => {
    await whenItFails('SupplierDAL.deleteSupplier', () => dal.deleteSupplier(someSupplier.supplier_id));
  });
});
