import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'deleteProduct first deletes the variants with a DELETE of its own: work the cascade does, and a habit that breaks once a third table points at products.',
  caughtBy: '5.2',
  file: 'product-dal.ts',
  edits: [
    {
      find: "    await getPool().execute('DELETE FROM products WHERE product_id = ?', [productId]);",
      replace: "    await getPool().execute('DELETE FROM product_variants WHERE product_id = ?', [productId]);\n    await getPool().execute('DELETE FROM products WHERE product_id = ?', [productId]);",
    },
  ],
} satisfies Mistake;
