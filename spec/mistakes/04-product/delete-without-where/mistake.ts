import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The DELETE has no usable WHERE: deleting one product deletes the whole catalogue, variants included.',
  caughtBy: '5.2',
  file: 'product-dal.ts',
  edits: [{ find: "'DELETE FROM products WHERE product_id = ?'", replace: "'DELETE FROM products WHERE ? IS NOT NULL'" }],
} satisfies Mistake;
