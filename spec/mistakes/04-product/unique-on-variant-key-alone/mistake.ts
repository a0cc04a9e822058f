import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'UNIQUE (variant_key) alone: two products can no longer both have a variant called "default".',
  caughtBy: '5.1',
  mayAlsoFail: ['5.2', '5.3'],
  file: 'tables.ts',
  edits: [{ find: 'UNIQUE KEY uq_product_variants_key (product_id, variant_key)', replace: 'UNIQUE KEY uq_product_variants_key (variant_key)' }],
} satisfies Mistake;
