import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'insertSupplier uses REPLACE INTO: an update deletes and re-inserts the row, and created_at moves.',
  caughtBy: '5.2',
  file: 'supplier-dal.ts',
  edits: [
    {
      find: '    await getPool().execute(INSERT_SUPPLIER, ',
      replace: "    await getPool().execute(INSERT_SUPPLIER.replace('INSERT INTO', 'REPLACE INTO').split('ON DUPLICATE KEY UPDATE')[0]!, ",
    },
  ],
} satisfies Mistake;
