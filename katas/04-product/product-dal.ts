/**
 * Exercises 5.2 and 5.3 (DAL): the data-access layer of `products` and `product_variants`.
 *
 * Same tools as before: getPool().execute(sql, values) with one ? per value, never values pasted
 * into the SQL text. New here (5.3): several statements that must succeed or fail TOGETHER, in
 * one transaction, with the pool's withTransaction() helper (harness/db/pool.ts).
 *
 * Check yourself with: npm test -- katas/04-product/5.2   and   npm test -- katas/04-product/5.3
 */
import { getPool, withTransaction } from '../../harness/db/pool.ts';
import { notImplemented } from '../../harness/not-started.ts';
import type { ProductRow, VariantRow } from '../../harness/events/product.ts';

export type { ProductRow, VariantRow };

export class ProductDAL {
  /**
   * Exercise 5.2. Inserts the product, or updates it when a row with this product_id exists.
   *
   * SQL pattern: INSERT INTO products (...14 columns...) VALUES (?, ... 14 ...) ON DUPLICATE KEY UPDATE ...
   *  - insert all 14 columns of `product`, in the table's column order;
   *  - on a duplicate product_id, update every column EXCEPT product_id and created_at,
   *    with `column = VALUES(column)`.
   * `attributes_json` is already JSON text (or null): pass it on as it is, like any other value.
   * The last event applied wins, not the newest: a late copy of an older event rolls the row
   * back (README, exercise 5.2, "Replays roll a row back, or bring it back").
   */
  async insertProduct(product: ProductRow): Promise<void> {
    throw notImplemented('04-product', '5.2', 'ProductDAL.insertProduct');
  }

  /**
   * Exercise 5.2. Deletes the product for good (a hard delete, as in kata 02).
   *
   * SQL pattern: DELETE FROM products WHERE product_id = ?
   *  - ONE statement: the product's variants go with it, by the foreign key's ON DELETE CASCADE
   *    (exercise 5.1), not by a DELETE of your own;
   *  - an unknown product_id deletes nothing and is not an error.
   */
  async deleteProduct(productId: string): Promise<void> {
    throw notImplemented('04-product', '5.2', 'ProductDAL.deleteProduct');
  }

  /**
   * Exercise 5.3. Makes the product's variants exactly `variants`: the replace pattern.
   *
   * SQL pattern, inside ONE transaction:
   *   DELETE FROM product_variants WHERE product_id = ?
   *   INSERT INTO product_variants (product_id, variant_key, sku, name, price, stock, is_active, attributes_json)
   *     VALUES (?, ?, ?, ?, ?, ?, ?, ?)          -- once per variant
   *  - run the statements on the `connection` that withTransaction(async (connection) => ...)
   *    hands you: a statement sent through getPool() runs on another connection, outside the
   *    transaction;
   *  - if any statement fails, withTransaction rolls everything back and rethrows: the previous
   *    variants stay, and the error reaches the caller;
   *  - `id` is not in the INSERT: the server numbers the rows (AUTO_INCREMENT);
   *  - other products' variants are never touched; `variants` may be empty (then the product
   *    ends with no variants).
   */
  async replaceVariants(productId: string, variants: readonly VariantRow[]): Promise<void> {
    throw notImplemented('04-product', '5.3', 'ProductDAL.replaceVariants');
  }
}
