/**
 * Exercise 5.4 (Consumer): turns product events into rows of `products` and `product_variants`,
 * through ProductDAL.
 *
 * One document becomes one product row plus one row per variant. The variants arrive as an
 * OBJECT keyed by variant key ({ "red-xl": {...}, "navy-m": {...} }), not as an array. Free-form
 * attributes become JSON text with JSON.stringify(). The full flattening map is in
 * katas/04-product/README.md, "4. The flattening map".
 *
 * Check yourself with: npm test -- katas/04-product/5.4
 */
import { EventType, type EventEnvelope, type HandlerMap } from '../../harness/events/contract.ts';
import type { ProductDeletedData, ProductDocument, VariantRow } from '../../harness/events/product.ts';
import type { SqlDateTime } from '../../harness/events/user.ts';
import { notImplemented } from '../../harness/not-started.ts';
import { UserConsumer } from '../01-user/user-consumer.ts';
import { ProductDAL } from './product-dal.ts';

/** Your timestamp parser from kata 01 (exercise 5.3), reused rather than written twice. */
const kata01 = new UserConsumer();

export class ProductConsumer {
  private readonly dal: ProductDAL;

  constructor(dal: ProductDAL = new ProductDAL()) {
    this.dal = dal;
  }

  /** Already done: ISO 8601 text -> 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC, with your kata 01 parser. */
  parseTimestamp(value: string): SqlDateTime;
  parseTimestamp(value: string | null | undefined): SqlDateTime | null;
  parseTimestamp(value: string | null | undefined): SqlDateTime | null {
    return kata01.parseTimestamp(value);
  }

  /**
   * Handles product.created: first the product, then its variants (in that order: each variant
   * row points at its product, and the foreign key refuses a variant of a product that is not
   * stored yet).
   *
   * 1. this.dal.insertProduct(row), the row built like this:
   *      product_id       <- event.entity_id
   *      supplier_id, name, status, price, currency <- data.<same name>
   *      description, category, brand <- data.<same name>      (may be missing: null)
   *      attributes_json  <- JSON.stringify(data.attributes)    (missing or null: null, not 'null')
   *      created_at, updated_at <- data.created_at, data.updated_at   (parseTimestamp)
   *      event_id         <- event.event_id
   *      event_timestamp  <- event.timestamp                    (parseTimestamp)
   *
   * 2. this.dal.replaceVariants(productId, variants), one VariantRow per KEY of data.variants
   *    (Object.entries gives you [key, variant] pairs):
   *      variant_key      <- the key itself, e.g. 'red-xl'
   *      sku, stock, is_active <- variant.<same name>
   *      name, price      <- variant.<same name>                (may be missing: null)
   *      attributes_json  <- JSON.stringify(variant.attributes) (missing or null: null)
   *    data.variants may be missing, null or {}: then the list is empty, and replaceVariants
   *    is still called (an update that drops every variant must remove them).
   */
  async handleProductCreated(event: EventEnvelope<ProductDocument>): Promise<void> {
    throw notImplemented('04-product', '5.4', 'ProductConsumer.handleProductCreated');
  }

  /** Handles product.updated: the whole document again, so the same as created. */
  async handleProductUpdated(event: EventEnvelope<ProductDocument>): Promise<void> {
    throw notImplemented('04-product', '5.4', 'ProductConsumer.handleProductUpdated');
  }

  /**
   * Handles product.deleted: calls this.dal.deleteProduct(productId), and nothing else (the
   * database removes the variants: ON DELETE CASCADE).
   *   productId <- event.data.product_id, or event.entity_id (they are the same)
   */
  async handleProductDeleted(event: EventEnvelope<ProductDeletedData>): Promise<void> {
    throw notImplemented('04-product', '5.4', 'ProductConsumer.handleProductDeleted');
  }

  /**
   * Maps EventType.PRODUCT_CREATED, PRODUCT_UPDATED and PRODUCT_DELETED to the handlers above.
   * (As before: the framework calls each handler as a plain function, so keep `this` bound.)
   */
  getHandlers(): HandlerMap {
    throw notImplemented('04-product', '5.4', 'ProductConsumer.getHandlers');
  }
}
