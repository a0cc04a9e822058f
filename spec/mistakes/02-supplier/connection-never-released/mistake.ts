import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'deleteSupplier takes a connection with getConnection() and never releases it: after ten deletes the pool is dry.',
  caughtBy: '5.2',
  file: 'supplier-dal.ts',
  edits: [
    {
      find: "    await getPool().execute('DELETE FROM suppliers WHERE supplier_id = ?', [supplierId]);",
      replace: "    const connection = await getPool().getConnection();\n    await connection.execute('DELETE FROM suppliers WHERE supplier_id = ?', [supplierId]);",
    },
  ],
} satisfies Mistake;
