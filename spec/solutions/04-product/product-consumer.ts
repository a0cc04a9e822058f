/** Reference solution, exercise 5.4. */
import { EventType, type EventEnvelope, type HandlerMap } from '../../../harness/events/contract.ts';
import type { ProductDeletedData, ProductDocument, VariantRow } from '../../../harness/events/product.ts';
import type { SqlDateTime } from '../../../harness/events/user.ts';
import { UserConsumer } from '../01-user/user-consumer.ts';
import { ProductDAL } from './product-dal.ts';

const kata01 = new UserConsumer();

/** JSON text for a JSON column, or null (SQL NULL) when there is nothing to store. */
const toJson = (value: object | null | undefined): string | null => (value == null ? null : JSON.stringify(value));

export class ProductConsumer {
  private readonly dal: ProductDAL;

  constructor(dal: ProductDAL = new ProductDAL()) {
    this.dal = dal;
  }

  parseTimestamp(value: string): SqlDateTime;
  parseTimestamp(value: string | null | undefined): SqlDateTime | null;
  parseTimestamp(value: string | null | undefined): SqlDateTime | null {
    return kata01.parseTimestamp(value);
  }

  async handleProductCreated(event: EventEnvelope<ProductDocument>): Promise<void> {
    const product = event.data;
    await this.dal.insertProduct({
      product_id: event.entity_id,
      supplier_id: product.supplier_id,
      name: product.name,
      description: product.description ?? null,
      category: product.category ?? null,
      brand: product.brand ?? null,
      status: product.status,
      price: product.price,
      currency: product.currency,
      attributes_json: toJson(product.attributes),
      created_at: this.parseTimestamp(product.created_at),
      updated_at: this.parseTimestamp(product.updated_at),
      event_id: event.event_id,
      event_timestamp: this.parseTimestamp(event.timestamp),
    });
    // after the product: each variant row points at it (the foreign key)
    const variants: VariantRow[] = Object.entries(product.variants ?? {}).map(([key, variant]) => ({
      variant_key: key,
      sku: variant.sku,
      name: variant.name ?? null,
      price: variant.price ?? null,
      stock: variant.stock,
      is_active: variant.is_active,
      attributes_json: toJson(variant.attributes),
    }));
    await this.dal.replaceVariants(event.entity_id, variants);
  }

  async handleProductUpdated(event: EventEnvelope<ProductDocument>): Promise<void> {
    await this.handleProductCreated(event);
  }

  async handleProductDeleted(event: EventEnvelope<ProductDeletedData>): Promise<void> {
    await this.dal.deleteProduct(event.data.product_id ?? event.entity_id);
  }

  getHandlers(): HandlerMap {
    return {
      [EventType.PRODUCT_CREATED]: (event) => this.handleProductCreated(event),
      [EventType.PRODUCT_UPDATED]: (event) => this.handleProductUpdated(event),
      [EventType.PRODUCT_DELETED]: (event) => this.handleProductDeleted(event),
    };
  }
}
