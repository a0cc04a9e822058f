import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'upsertOrder sends its upsert without await: it resolves before the row is stored, and its error reaches no one.',
  caughtBy: '5.2',
  file: 'order-dal.ts',
  edits: [{ find: '    await db.execute(INSERT_ORDER, ', replace: '    void db.execute(INSERT_ORDER, ' }],
} satisfies Mistake;
