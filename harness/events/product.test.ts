/** The product domain's generators: valid envelopes, rows that fit the columns, money and JSON as the suites rely on. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { envelopeProblem } from './contract.ts';
import { PRODUCT_LIMITS, productEventCase, productRow, variantSet } from './product.arbitraries.ts';
import { buildProduct, productEvent } from './product.ts';
import { decimalText, formatUnits, jsonObject, jsonText } from './values.arbitraries.ts';

const length = (value: string | null) => (value === null ? 0 : [...value].length);

describe('product arbitraries', () => {
  it('generated product events are valid envelopes; their rows fit the columns; variant keys are distinct slugs', () => {
    fc.assert(
      fc.property(productEventCase(), productRow(), variantSet(), ({ event, product, variants }, dalRow, dalVariants) => {
        expect(envelopeProblem(JSON.parse(JSON.stringify(event)))).toBeUndefined();
        for (const row of [product, dalRow]) {
          expect(row.product_id).toMatch(/^[0-9a-f]{24}$/);
          expect(length(row.name)).toBeLessThanOrEqual(PRODUCT_LIMITS.name);
          expect(length(row.description)).toBeLessThanOrEqual(PRODUCT_LIMITS.description);
          expect(row.price).toMatch(/^\d{1,8}\.\d{2}$/);
          expect(row.currency).toMatch(/^[A-Z]{3}$/);
        }
        for (const variant of [...variants, ...dalVariants]) {
          expect(variant.variant_key).toMatch(/^[a-z0-9-]{1,100}$/);
          expect(length(variant.sku)).toBeLessThanOrEqual(PRODUCT_LIMITS.sku);
          if (variant.price !== null) expect(variant.price).toMatch(/^\d{1,8}\.\d{2}$/);
        }
        expect(new Set(variants.map((variant) => variant.variant_key)).size).toBe(variants.length);
        // one expected row per key of the document's variants object
        expect(variants.map((variant) => variant.variant_key).sort()).toEqual(Object.keys(event.data.variants ?? {}).sort());
      }),
    );
  });

  it('the expected rows carry attributes as the JSON text of the document\'s attributes, or null', () => {
    fc.assert(
      fc.property(productEventCase(), ({ event, product, variants }) => {
        expect(product.attributes_json === null ? null : JSON.parse(product.attributes_json)).toEqual(event.data.attributes ?? null);
        for (const variant of variants) {
          const attributes = event.data.variants![variant.variant_key]!.attributes;
          expect(variant.attributes_json === null ? null : JSON.parse(variant.attributes_json)).toEqual(attributes ?? null);
        }
      }),
    );
  });

  it('the builders make a realistic event', () => {
    const event = productEvent('product.created', buildProduct());
    expect(envelopeProblem(event)).toBeUndefined();
    expect(Object.keys(event.data.variants!)).toEqual(['red-xl', 'navy-m']);
  });
});

describe('money and JSON generators', () => {
  it('decimal text fits DECIMAL(10,2) and reaches both ends', () => {
    expect(formatUnits(2450, 2)).toBe('24.50');
    expect(formatUnits(5, 2)).toBe('0.05');
    const samples = fc.sample(decimalText(10, 2), 3_000);
    for (const sample of samples) expect(sample).toMatch(/^(0|[1-9]\d{0,7})\.\d{2}$/);
    expect(samples).toContain('0.00');
    expect(samples).toContain('99999999.99');
  });

  it('JSON text in any writing parses back to the same document', () => {
    fc.assert(
      fc.property(jsonObject().chain((document) => jsonText(fc.constant(document)).map((text) => [document, text] as const)), ([document, text]) => {
        expect(JSON.parse(text)).toEqual(document);
      }),
    );
  });
});
