/**
 * The Product domain: one document with a free-form `attributes` object and an object of
 * `variants`, and the rows it becomes in two tables, `products` and `product_variants`.
 * Complete: read it, don't edit it. Kata 04 builds the tables, DAL and handlers for it.
 */
import { defineDomain } from './domain.ts';
import { newObjectId, wrapEvent, type EnvelopeOverrides, type EventEnvelope, type SqlDateTime } from './envelope.ts';
import type { DecimalText, JsonValue } from './values.ts';

export type { DecimalText, JsonValue };

export type ProductStatus = 'draft' | 'active' | 'archived';

/** One variant of a product, e.g. the red XL of a T-shirt: its own SKU, price, stock. */
export type VariantDocument = {
  /** stock keeping unit: the warehouse's code for exactly this variant */
  sku: string;
  /** optional: a display name, e.g. 'Red, XL' */
  name?: string | null;
  /** optional: missing or null when the variant sells at the product's price */
  price?: DecimalText | null;
  /** units in stock, a whole number >= 0 */
  stock: number;
  /** optional: what makes this variant differ (color, size), and anything else the seller adds */
  attributes?: { color?: string | null; size?: string | null; [other: string]: JsonValue | undefined } | null;
  is_active: boolean;
};

/** A product as MongoDB stores it (the `data` of product.created / product.updated). */
export type ProductDocument = {
  product_id: string;
  /** the supplier (kata 02) that sells it */
  supplier_id: string;
  name: string;
  description?: string | null;
  category?: string | null;
  brand?: string | null;
  status: ProductStatus;
  /** the base price, as decimal text */
  price: DecimalText;
  /** ISO 4217 currency code, e.g. 'EUR' */
  currency: string;
  /** optional: free-form, any shape (nested objects, arrays, numbers, unicode keys) */
  attributes?: { [key: string]: JsonValue } | null;
  /**
   * optional: an OBJECT keyed by variant key, not an array:
   *   { "red-xl": { sku: ..., ... }, "blue-m": { ... } }
   * Missing, null or {} when the product has no variants. Variant keys are slugs: lowercase
   * letters, digits and dashes, at most 100 characters, unique within the product.
   */
  variants?: { [variantKey: string]: VariantDocument } | null;
  created_at: string;
  updated_at: string;
};

/** The `data` of product.deleted: the backend only says which product went. */
export type ProductDeletedData = { product_id: string };

/** One row of the `products` table: exactly one field per column, in column order (14). */
export type ProductRow = {
  product_id: string;
  supplier_id: string;
  name: string;
  description: string | null;
  category: string | null;
  brand: string | null;
  status: ProductStatus;
  price: DecimalText;
  currency: string;
  /** the attributes as JSON text (JSON.stringify), or null when the document has none */
  attributes_json: string | null;
  created_at: SqlDateTime;
  updated_at: SqlDateTime;
  event_id: string;
  event_timestamp: SqlDateTime;
};

/** The column order of `products`, as the course defines it. */
export const PRODUCT_COLUMNS = [
  'product_id', 'supplier_id', 'name', 'description', 'category', 'brand', 'status',
  'price', 'currency', 'attributes_json',
  'created_at', 'updated_at', 'event_id', 'event_timestamp',
] as const satisfies readonly (keyof ProductRow)[];

/**
 * One variant as replaceVariants() receives it: the columns of `product_variants` except `id`
 * (the server numbers the rows: AUTO_INCREMENT) and `product_id` (replaceVariants' first argument).
 */
export type VariantRow = {
  /** the variant's key in the document's `variants` object, e.g. 'red-xl' */
  variant_key: string;
  sku: string;
  name: string | null;
  price: DecimalText | null;
  stock: number;
  /** a BOOLEAN column holds 0 or 1: mysql2 sends true as 1, and SELECT returns 1 */
  is_active: boolean;
  /** the variant's attributes as JSON text (JSON.stringify), or null when it has none */
  attributes_json: string | null;
};

/** The column order of `product_variants`, as the course defines it. */
export const VARIANT_COLUMNS = ['id', 'product_id', 'variant_key', 'sku', 'name', 'price', 'stock', 'is_active', 'attributes_json'] as const;

/** A realistic variant; pass overrides for the fields a test cares about. */
export function buildVariant(overrides: Partial<VariantDocument> = {}): VariantDocument {
  return { sku: 'TS-ORG-RED-XL', name: 'Red, XL', price: '27.50', stock: 12, attributes: { color: 'red', size: 'XL' }, is_active: true, ...overrides };
}

/** A realistic product document with two variants; pass overrides for the parts a test cares about. */
export function buildProduct(overrides: Partial<ProductDocument> = {}): ProductDocument {
  return {
    product_id: newObjectId(),
    supplier_id: '65f0c2e4b0a1b2c3d4e5f601',
    name: 'Organic Cotton T-Shirt',
    description: 'Heavyweight jersey, garment-dyed. Fair Wear certified.',
    category: 'apparel',
    brand: 'Harbor Basics',
    status: 'active',
    price: '24.50',
    currency: 'EUR',
    attributes: { material: 'organic cotton', weight_g: 180, care: ['30°C wash', 'no tumble dry'], certifications: { fair_wear: true, gots: 'GOTS-2231' } },
    variants: {
      'red-xl': buildVariant(),
      'navy-m': buildVariant({ sku: 'TS-ORG-NAVY-M', name: 'Navy, M', price: null, stock: 40, attributes: { color: 'navy', size: 'M' } }),
    },
    created_at: '2024-05-02T08:15:00.000001+00:00',
    updated_at: '2024-05-02T08:15:00.000001+00:00',
    ...overrides,
  };
}

export function productEvent(eventType: 'product.created' | 'product.updated', data: ProductDocument, envelope?: EnvelopeOverrides): EventEnvelope<ProductDocument>;
export function productEvent(eventType: 'product.deleted', data: ProductDeletedData, envelope?: EnvelopeOverrides): EventEnvelope<ProductDeletedData>;
/** Wraps a product document in the envelope the backend publishes. */
export function productEvent(eventType: string, data: ProductDocument | ProductDeletedData, envelope: EnvelopeOverrides = {}): EventEnvelope<ProductDocument | ProductDeletedData> {
  return wrapEvent(eventType, data.product_id, data, { timestamp: '2024-05-02T08:15:00.250000+00:00', ...envelope });
}

/** The product domain as the harness's tools see it (see domain.ts). */
export const productDomain = defineDomain({
  name: 'product',
  topic: 'products',
  table: 'products',
  idField: 'product_id',
  events: ['product.created', 'product.updated', 'product.deleted'],
  refersToExisting: ['product.deleted'],
  example: (type, id, now) =>
    type === 'product.deleted'
      ? productEvent(type, { product_id: id }, { timestamp: now })
      : productEvent(type, buildProduct({ product_id: id, created_at: now, updated_at: now }), { timestamp: now }),
});
