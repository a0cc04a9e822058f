import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'insertPost sends its INSERT without await: it resolves before the row is stored, and its error reaches no one.',
  caughtBy: '5.2',
  file: 'post-dal.ts',
  edits: [{ find: '    await getPool().execute(INSERT_POST, ', replace: '    void getPool().execute(INSERT_POST, ' }],
} satisfies Mistake;
