import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The replace\'s DELETE pastes the product_id into the SQL text instead of a ? parameter.',
  caughtBy: '5.3',
  file: 'product-dal.ts',
  edits: [
    {
      find: "      await connection.execute('DELETE FROM product_variants WHERE product_id = ?', [productId]);",
      replace: "      await connection.query(`DELETE FROM product_variants WHERE product_id = '${productId}'`);",
    },
  ],
} satisfies Mistake;
