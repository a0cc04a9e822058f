import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The replace\'s DELETE has no WHERE product_id: replacing one product\'s variants deletes every other product\'s.',
  caughtBy: '5.3',
  file: 'product-dal.ts',
  edits: [{ find: "      await connection.execute('DELETE FROM product_variants WHERE product_id = ?', [productId]);", replace: "      await connection.execute('DELETE FROM product_variants WHERE ? IS NOT NULL', [productId]);" }],
} satisfies Mistake;
