/**
 * Exercise 5.2 (DAL): SupplierDAL against a real database, checked with generated suppliers.
 * Run: npm test -- katas/02-supplier/5.2
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { objectId } from '../../harness/events/arbitraries.ts';
import { supplierRow } from '../../harness/events/supplier.arbitraries.ts';
import { SUPPLIER_COLUMNS, type SupplierRow } from '../../harness/events/supplier.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import { assertProperty } from '../../harness/testing/properties.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { tables } from './tables.ts';
import { SupplierDAL } from './supplier-dal.ts';

const lesson = lessonFor('02-supplier');
const db = useKataDatabase({ kata: '02-supplier', tables: () => tables, requires: { tables: ['suppliers'], exercise: '5.1' } });
const dal = new SupplierDAL();
const selectSuppliers = (supplierId: string) => db.select<SupplierRow>('suppliers', SUPPLIER_COLUMNS, { supplier_id: supplierId });

describe('Exercise 5.2: SupplierDAL.insertSupplier', () => {
  it('stores all 26 columns exactly as given, each in its own column', async () => {
    await assertProperty(
      fc.asyncProperty(supplierRow(), async (row) => {
        await db.reset();
        await dal.insertSupplier(row);
        expect(
          await selectSuppliers(row.supplier_id),
          `SELECT after insertSupplier(row) should return exactly that row; a value in the wrong column means the column list and the values are not in the same order.\n${lesson.exercise('5.2')}`,
        ).toEqual([row]);
      }),
    );
  });

  it('is idempotent: the same upsert applied twice leaves one identical row', async () => {
    await assertProperty(
      fc.asyncProperty(supplierRow(), async (row) => {
        await db.reset();
        await dal.insertSupplier(row);
        await dal.insertSupplier(row);
        expect(await selectSuppliers(row.supplier_id), `Storing the same event twice must leave one row.\n${lesson.exercise('5.2')}`).toEqual([row]);
      }),
    );
  });

  it('on a duplicate supplier_id, updates every column except supplier_id and created_at', async () => {
    await assertProperty(
      fc.asyncProperty(supplierRow(), supplierRow(), async (first, later) => {
        const second = { ...later, supplier_id: first.supplier_id };
        await db.reset();
        await dal.insertSupplier(first);
        await dal.insertSupplier(second);
        expect(
          await selectSuppliers(first.supplier_id),
          `After two upserts of the same supplier_id, the row holds the second's values, except created_at, which keeps the first's.\n${lesson.exercise('5.2')}`,
        ).toEqual([{ ...second, created_at: first.created_at }]);
      }),
    );
  });
});

describe('Exercise 5.2: SupplierDAL.deleteSupplier', () => {
  it('removes exactly that supplier\'s row and leaves the others', async () => {
    await assertProperty(
      fc.asyncProperty(fc.uniqueArray(supplierRow(), { minLength: 2, maxLength: 4, selector: (row) => row.supplier_id }), fc.nat(), async (rows, pick) => {
        await db.reset();
        for (const row of rows) await dal.insertSupplier(row);
        const doomed = rows[pick % rows.length]!;
        await dal.deleteSupplier(doomed.supplier_id);
        const left = await db.select<SupplierRow>('suppliers', SUPPLIER_COLUMNS);
        const byId = (a: SupplierRow, b: SupplierRow) => a.supplier_id.localeCompare(b.supplier_id);
        expect(
          left.sort(byId),
          `A hard delete removes the row (no deleted_at here), and only that row.\n${lesson.exercise('5.2')}`,
        ).toEqual(rows.filter((row) => row !== doomed).sort(byId));
      }),
    );
  });

  it('changes nothing for an unknown supplier_id', async () => {
    await assertProperty(
      fc.asyncProperty(supplierRow(), objectId(), async (row, unknownId) => {
        fc.pre(unknownId !== row.supplier_id);
        await db.reset();
        await dal.insertSupplier(row);
        await expect(dal.deleteSupplier(unknownId)).resolves.toBeUndefined();
        expect(await db.select('suppliers', SUPPLIER_COLUMNS), `deleteSupplier for an id that does not exist deletes nothing.\n${lesson.exercise('5.2')}`).toEqual([row]);
      }),
    );
  });
});
