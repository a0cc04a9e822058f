/**
 * fast-check arbitraries for the Product domain. Each generated event comes with the rows a
 * correct consumer stores for it: one `products` row and the product's set of variant rows.
 * Optional fields may be missing, null or present; `attributes` and `variants` may be missing,
 * null or empty as a whole, and a variant's `attributes` too.
 */
import fc from 'fast-check';
import { EventType } from './contract.ts';
import { wrapEvent, type EventEnvelope } from './envelope.ts';
import { eventId, nested, nullable, objectId, optional, put, sqlDateTime, text, timestamp, type OptionalField } from './arbitraries.ts';
import type { JsonValue } from './values.ts';
import { decimalText, jsonObject, jsonText } from './values.arbitraries.ts';
import type { ProductDocument, ProductRow, ProductStatus, VariantDocument, VariantRow } from './product.ts';

/** Column sizes of `products` and `product_variants`, shared by the generators so every value fits. */
export const PRODUCT_LIMITS = {
  name: 255, description: 2000, category: 100, brand: 100, currency: 3,
  variant_key: 100, sku: 64, variant_name: 255,
} as const;

/** The largest value of an INT column. */
const INT_MAX = 2_147_483_647;

const statuses: ProductStatus[] = ['draft', 'active', 'archived'];
export const productStatus = (): fc.Arbitrary<ProductStatus> => fc.constantFrom(...statuses);

/** ISO 4217 codes, and now and then three arbitrary letters. */
const currency = (): fc.Arbitrary<string> =>
  fc.oneof(fc.constantFrom('EUR', 'USD', 'GBP', 'JPY', 'CHF', 'INR'), fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), minLength: 3, maxLength: 3 }));

/**
 * A variant key as the backend makes them: a slug of lowercase letters, digits and dashes
 * ('red-xl', 'navy-m', '42'), up to 100 characters, now and then exactly 100.
 */
export const variantKey = (): fc.Arbitrary<string> => {
  const slugChar = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-');
  const everyday = fc.constantFrom('red-xl', 'navy-m', 'default', 'black-38', 'oak-120x80', '42');
  const generated = fc.string({ unit: slugChar, minLength: 1, maxLength: 24 });
  const full = fc.string({ unit: slugChar, minLength: PRODUCT_LIMITS.variant_key, maxLength: PRODUCT_LIMITS.variant_key });
  return fc.oneof({ weight: 2, arbitrary: everyday }, { weight: 6, arbitrary: generated }, { weight: 1, arbitrary: full });
};

/** A row as ProductDAL.insertProduct receives it. */
export const productRow = (): fc.Arbitrary<ProductRow> =>
  fc.record({
    product_id: objectId(),
    supplier_id: objectId(),
    name: text(PRODUCT_LIMITS.name, 1),
    description: nullable(text(PRODUCT_LIMITS.description)),
    category: nullable(text(PRODUCT_LIMITS.category)),
    brand: nullable(text(PRODUCT_LIMITS.brand)),
    status: productStatus(),
    price: decimalText(10, 2),
    currency: currency(),
    attributes_json: nullable(jsonText(jsonObject())),
    created_at: sqlDateTime(),
    updated_at: sqlDateTime(),
    event_id: eventId(),
    event_timestamp: sqlDateTime(),
  });

/** One variant as ProductDAL.replaceVariants receives it. */
export const variantRow = (key: fc.Arbitrary<string> = variantKey()): fc.Arbitrary<VariantRow> =>
  fc.record({
    variant_key: key,
    sku: text(PRODUCT_LIMITS.sku, 1),
    name: nullable(text(PRODUCT_LIMITS.variant_name)),
    price: nullable(decimalText(10, 2)),
    stock: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constantFrom(0, INT_MAX)),
    is_active: fc.boolean(),
    attributes_json: nullable(jsonText(jsonObject())),
  });

/** A product's set of variants: distinct keys, zero to five of them. */
export const variantSet = (options: { minLength?: number; maxLength?: number } = {}): fc.Arbitrary<VariantRow[]> =>
  fc.uniqueArray(variantRow(), { minLength: options.minLength ?? 0, maxLength: options.maxLength ?? 5, selector: (variant) => variant.variant_key });

export type ProductEventCase = {
  event: EventEnvelope<ProductDocument>;
  /** the row a correct consumer leaves in `products` for this event */
  product: ProductRow;
  /** the variant rows a correct consumer leaves in `product_variants`, sorted by variant_key */
  variants: VariantRow[];
};

/** JSON text for an optional document field: null when it is missing or null. */
const jsonOrNull = (value: JsonValue | undefined): string | null => (value === undefined || value === null ? null : JSON.stringify(value));

type GeneratedVariant = {
  sku: string;
  name: OptionalField<string>;
  price: OptionalField<string>;
  stock: number;
  attributes: { kind: 'missing' } | { kind: 'null' } | { kind: 'present'; value: { color: OptionalField<string>; size: OptionalField<string>; more: { [key: string]: JsonValue } } };
  isActive: boolean;
};

const generatedVariant: fc.Arbitrary<GeneratedVariant> = fc.record({
  sku: text(PRODUCT_LIMITS.sku, 1),
  name: optional(text(PRODUCT_LIMITS.variant_name)),
  price: optional(decimalText(10, 2)),
  stock: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constant(INT_MAX)),
  attributes: nested(
    fc.record({
      color: optional(fc.oneof(fc.constantFrom('red', 'navy', 'forest green', 'écru'), text(30))),
      size: optional(fc.oneof(fc.constantFrom('XS', 'M', 'XL', '38', '120x80'), text(10))),
      more: fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: jsonObject() }),
    }),
  ),
  isActive: fc.boolean(),
});

/** Builds the variant document (missing fields stay missing) and the row a correct consumer makes of it. */
function assembleVariant(key: string, g: GeneratedVariant): { document: VariantDocument; row: VariantRow } {
  const document: Record<string, unknown> = { sku: g.sku };
  put(document, 'name', g.name);
  put(document, 'price', g.price);
  document.stock = g.stock;
  let attributes: JsonValue | undefined;
  if (g.attributes.kind === 'null') document.attributes = null;
  if (g.attributes.kind === 'present') {
    const object: { [key: string]: JsonValue } = {};
    for (const [name, value] of Object.entries(g.attributes.value.more)) if (name !== 'color' && name !== 'size') object[name] = value;
    const target = object as Record<string, unknown>;
    put(target, 'color', g.attributes.value.color);
    put(target, 'size', g.attributes.value.size);
    document.attributes = object;
    attributes = object;
  }
  document.is_active = g.isActive;
  return {
    document: document as VariantDocument,
    row: {
      variant_key: key,
      sku: g.sku,
      name: g.name.value,
      price: g.price.value,
      stock: g.stock,
      is_active: g.isActive,
      attributes_json: jsonOrNull(attributes),
    },
  };
}

/** product.created / product.updated events over the whole document space, with their expected rows. */
export const productEventCase = (
  eventType: typeof EventType.PRODUCT_CREATED | typeof EventType.PRODUCT_UPDATED = EventType.PRODUCT_CREATED,
): fc.Arbitrary<ProductEventCase> =>
  fc
    .record({
      productId: objectId(),
      supplierId: objectId(),
      name: text(PRODUCT_LIMITS.name, 1),
      description: optional(text(PRODUCT_LIMITS.description)),
      category: optional(text(PRODUCT_LIMITS.category)),
      brand: optional(text(PRODUCT_LIMITS.brand)),
      status: productStatus(),
      price: decimalText(10, 2),
      currency: currency(),
      attributes: nested(jsonObject()),
      // missing, null, {} or some variants
      variants: fc.oneof(
        { weight: 1, arbitrary: fc.constant({ kind: 'missing' as const }) },
        { weight: 1, arbitrary: fc.constant({ kind: 'null' as const }) },
        { weight: 5, arbitrary: fc.uniqueArray(fc.tuple(variantKey(), generatedVariant), { maxLength: 5, selector: ([key]) => key }).map((entries) => ({ kind: 'present' as const, entries })) },
      ),
      createdAt: timestamp(),
      updatedAt: timestamp(),
      eventId: eventId(),
      emittedAt: timestamp(),
    })
    .map((g) => {
      const data: Record<string, unknown> = { product_id: g.productId, supplier_id: g.supplierId, name: g.name };
      put(data, 'description', g.description);
      put(data, 'category', g.category);
      put(data, 'brand', g.brand);
      data.status = g.status;
      data.price = g.price;
      data.currency = g.currency;
      let attributes: JsonValue | undefined;
      if (g.attributes.kind === 'null') data.attributes = null;
      if (g.attributes.kind === 'present') data.attributes = attributes = g.attributes.value;
      const variants: VariantRow[] = [];
      if (g.variants.kind === 'null') data.variants = null;
      if (g.variants.kind === 'present') {
        const object: Record<string, VariantDocument> = {};
        for (const [key, generated] of g.variants.entries) {
          const { document, row } = assembleVariant(key, generated);
          object[key] = document;
          variants.push(row);
        }
        data.variants = object;
      }
      data.created_at = g.createdAt.iso;
      data.updated_at = g.updatedAt.iso;
      const event = wrapEvent(eventType, g.productId, data as ProductDocument, { event_id: g.eventId, timestamp: g.emittedAt.iso });
      const product: ProductRow = {
        product_id: g.productId,
        supplier_id: g.supplierId,
        name: g.name,
        description: g.description.value,
        category: g.category.value,
        brand: g.brand.value,
        status: g.status,
        price: g.price,
        currency: g.currency,
        attributes_json: jsonOrNull(attributes),
        created_at: g.createdAt.sql,
        updated_at: g.updatedAt.sql,
        event_id: g.eventId,
        event_timestamp: g.emittedAt.sql,
      };
      return { event, product, variants: sortByKey(variants) };
    });

export function sortByKey<T extends { variant_key: string }>(variants: readonly T[]): T[] {
  return [...variants].sort((a, b) => (a.variant_key < b.variant_key ? -1 : a.variant_key > b.variant_key ? 1 : 0));
}
