import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'deleteSupplier only touches the row (a kata 01 habit) instead of deleting it: the supplier stays in every count.',
  caughtBy: '5.2',
  file: 'supplier-dal.ts',
  edits: [{ find: "'DELETE FROM suppliers WHERE supplier_id = ?'", replace: "'UPDATE suppliers SET updated_at = NOW(6) WHERE supplier_id = ?'" }],
} satisfies Mistake;
