import type { Mistake } from '../../../mistake.ts';

export default {
  summary: "deleteSupplier's WHERE compares the wrong column (email instead of supplier_id): nothing is deleted.",
  caughtBy: '5.2',
  file: 'supplier-dal.ts',
  edits: [
    {
      find: "'DELETE FROM suppliers WHERE supplier_id = ?'",
      replace: "'DELETE FROM suppliers WHERE email = ?'",
    },
  ],
} satisfies Mistake;
