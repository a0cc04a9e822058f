import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The variants are read as a list (Object.values) and numbered by position: the variant keys are lost, "red-xl" becomes "0".',
  caughtBy: '5.4',
  file: 'product-consumer.ts',
  edits: [
    {
      find: '    const variants: VariantRow[] = Object.entries(product.variants ?? {}).map(([key, variant]) => ({\n      variant_key: key,',
      replace: '    const variants: VariantRow[] = Object.values(product.variants ?? {}).map((variant, index) => ({\n      variant_key: String(index),',
    },
  ],
} satisfies Mistake;
