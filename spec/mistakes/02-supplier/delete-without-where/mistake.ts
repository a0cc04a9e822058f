import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The DELETE has no usable WHERE: deleting one supplier deletes them all.',
  caughtBy: '5.2',
  file: 'supplier-dal.ts',
  edits: [{ find: "'DELETE FROM suppliers WHERE supplier_id = ?'", replace: "'DELETE FROM suppliers WHERE ? IS NOT NULL'" }],
} satisfies Mistake;
