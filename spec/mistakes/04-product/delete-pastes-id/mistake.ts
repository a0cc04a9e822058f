import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'deleteProduct pastes the product_id into the SQL text: it works for hex ids, and is an SQL injection the day an id holds a quote.',
  caughtBy: '5.2',
  file: 'product-dal.ts',
  edits: [
    {
      find: "    await getPool().execute('DELETE FROM products WHERE product_id = ?', [productId]);",
      replace: "    await getPool().query(`DELETE FROM products WHERE product_id = '${productId}'`);",
    },
  ],
} satisfies Mistake;
