import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'Inside withTransaction, the statements go through getPool() instead of the transaction\'s connection: each commits on its own, and the rollback undoes nothing.',
  caughtBy: '5.3',
  file: 'product-dal.ts',
  edits: [
    { find: "      await connection.execute('DELETE FROM product_variants WHERE product_id = ?', [productId]);", replace: "      await getPool().execute('DELETE FROM product_variants WHERE product_id = ?', [productId]);" },
    { find: '        await connection.execute(INSERT_VARIANT, [', replace: '        await getPool().execute(INSERT_VARIANT, [' },
  ],
} satisfies Mistake;
