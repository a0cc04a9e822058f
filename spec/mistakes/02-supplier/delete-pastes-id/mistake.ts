import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'deleteSupplier pastes the id into the SQL text: hex ids never contain a quote, so it works, but it is SQL injection waiting for other data.',
  caughtBy: '5.2',
  file: 'supplier-dal.ts',
  edits: [
    {
      find: "    await getPool().execute('DELETE FROM suppliers WHERE supplier_id = ?', [supplierId]);",
      replace: "    await getPool().query(`DELETE FROM suppliers WHERE supplier_id = '${supplierId}'`);",
    },
  ],
} satisfies Mistake;
