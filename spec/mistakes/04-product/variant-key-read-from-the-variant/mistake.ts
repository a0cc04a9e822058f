import type { Mistake } from '../../../mistake.ts';

// Found by a student's run: the handler was told "a missing value must be null … end each
// optional read with ?? null", the wrong fix: variant_key is NOT NULL and is the map's key.
export default {
  summary: 'The variants are read with Object.values and variant_key from the variant itself: a variant has no such field (it is its key in data.variants), so every variant_key is undefined.',
  caughtBy: '5.4',
  file: 'product-consumer.ts',
  edits: [
    {
      find: '    const variants: VariantRow[] = Object.entries(product.variants ?? {}).map(([key, variant]) => ({\n      variant_key: key,',
      replace: '    const variants: VariantRow[] = Object.values(product.variants ?? {}).map((variant) => ({\n      variant_key: (variant as { variant_key?: string }).variant_key as string,',
    },
  ],
} satisfies Mistake;
