import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'insertSupplier releases its connection after the statement, not in a finally block: every failed insert loses a connection, and after ten the pool is dry.',
  caughtBy: '5.2',
  file: 'supplier-dal.ts',
  edits: [
    {
      find: '    await getPool().execute(INSERT_SUPPLIER, SUPPLIER_COLUMNS.map((column) => supplier[column]));',
      replace: '    const connection = await getPool().getConnection();\n    await connection.execute(INSERT_SUPPLIER, SUPPLIER_COLUMNS.map((column) => supplier[column]));\n    connection.release();',
    },
  ],
} satisfies Mistake;
