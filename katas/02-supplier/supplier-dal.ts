/**
 * Exercise 5.2 (DAL): the data-access layer of the `suppliers` table.
 *
 * Same tools as kata 01: getPool().execute(sql, values) with one ? per value, never values
 * pasted into the SQL text. New here: 26 values in one statement (keep the column list and the
 * values array in the same order), and a hard DELETE.
 *
 * Check yourself with: npm test -- katas/02-supplier/5.2
 */
import { getPool } from '../../harness/db/pool.ts';
import { notImplemented } from '../../harness/not-started.ts';
import type { SupplierRow } from '../../harness/events/supplier.ts';

export type { SupplierRow };

export class SupplierDAL {
  /**
   * Inserts the supplier, or updates it when a row with this supplier_id already exists.
   *
   * SQL pattern: INSERT INTO suppliers (...26 columns...) VALUES (?, ... 26 ...) ON DUPLICATE KEY UPDATE ...
   *  - insert all 26 columns of `supplier`, in the table's column order;
   *  - on a duplicate supplier_id, update every column EXCEPT supplier_id and created_at,
   *    with `column = VALUES(column)`.
   * The last event applied wins, not the newest: a late copy of an older event rolls the row
   * back (README, exercise 5.2, "Replays roll a row back, or bring it back").
   */
  async insertSupplier(supplier: SupplierRow): Promise<void> {
    throw notImplemented('02-supplier', '5.2', 'SupplierDAL.insertSupplier');
  }

  /**
   * Deletes the supplier's row for good (a hard delete, unlike kata 01's soft delete).
   *
   * SQL pattern: DELETE FROM suppliers WHERE supplier_id = ?
   *  - exactly that one row goes; an unknown supplier_id deletes nothing and is not an error.
   */
  async deleteSupplier(supplierId: string): Promise<void> {
    throw notImplemented('02-supplier', '5.2', 'SupplierDAL.deleteSupplier');
  }
}
