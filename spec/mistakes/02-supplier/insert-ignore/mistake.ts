import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'insertSupplier uses INSERT IGNORE: a supplier that changes is never updated.',
  caughtBy: '5.2',
  file: 'supplier-dal.ts',
  edits: [
    {
      find: '    await getPool().execute(INSERT_SUPPLIER, ',
      replace: "    await getPool().execute(INSERT_SUPPLIER.replace('INSERT INTO', 'INSERT IGNORE INTO').split('ON DUPLICATE KEY UPDATE')[0]!, ",
    },
  ],
} satisfies Mistake;
