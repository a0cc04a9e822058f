import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'replaceVariants only INSERTs the new set: variants dropped by an update stay, and a variant sent again breaks the UNIQUE key.',
  caughtBy: '5.3',
  file: 'product-dal.ts',
  edits: [{ find: "      await connection.execute('DELETE FROM product_variants WHERE product_id = ?', [productId]);\n", replace: '' }],
} satisfies Mistake;
