/** Reference solution, exercises 5.2 and 5.3. */
import { getPool, withTransaction } from '../../../harness/db/pool.ts';
import { PRODUCT_COLUMNS, type ProductRow, type VariantRow } from '../../../harness/events/product.ts';

export type { ProductRow, VariantRow };

const INSERT_PRODUCT = `
  INSERT INTO products
    (product_id, supplier_id, name, description, category, brand, status,
     price, currency, attributes_json,
     created_at, updated_at, event_id, event_timestamp)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON DUPLICATE KEY UPDATE
    supplier_id = VALUES(supplier_id),
    name = VALUES(name),
    description = VALUES(description),
    category = VALUES(category),
    brand = VALUES(brand),
    status = VALUES(status),
    price = VALUES(price),
    currency = VALUES(currency),
    attributes_json = VALUES(attributes_json),
    updated_at = VALUES(updated_at),
    event_id = VALUES(event_id),
    event_timestamp = VALUES(event_timestamp)`;

const INSERT_VARIANT = `
  INSERT INTO product_variants
    (product_id, variant_key, sku, name, price, stock, is_active, attributes_json)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)`;

export class ProductDAL {
  async insertProduct(product: ProductRow): Promise<void> {
    await getPool().execute(INSERT_PRODUCT, PRODUCT_COLUMNS.map((column) => product[column]));
  }

  async deleteProduct(productId: string): Promise<void> {
    // the variants go with it: ON DELETE CASCADE
    await getPool().execute('DELETE FROM products WHERE product_id = ?', [productId]);
  }

  async replaceVariants(productId: string, variants: readonly VariantRow[]): Promise<void> {
    await withTransaction(async (connection) => {
      await connection.execute('DELETE FROM product_variants WHERE product_id = ?', [productId]);
      for (const variant of variants) {
        await connection.execute(INSERT_VARIANT, [
          productId,
          variant.variant_key,
          variant.sku,
          variant.name,
          variant.price,
          variant.stock,
          variant.is_active,
          variant.attributes_json,
        ]);
      }
    });
  }
}
