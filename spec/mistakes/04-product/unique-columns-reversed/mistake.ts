import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'UNIQUE (variant_key, product_id): the same rule, but the index no longer serves WHERE product_id = ? (the foreign key gets an index of its own).',
  caughtBy: '5.1',
  file: 'tables.ts',
  edits: [{ find: 'UNIQUE KEY uq_product_variants_key (product_id, variant_key)', replace: 'UNIQUE KEY uq_product_variants_key (variant_key, product_id)' }],
} satisfies Mistake;
