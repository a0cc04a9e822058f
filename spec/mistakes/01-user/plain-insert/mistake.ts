import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'insertUser is a plain INSERT: the second delivery of an event fails with a duplicate key, and updates never land.',
  caughtBy: '5.2',
  file: 'user-dal.ts',
  edits: [
    {
      find: '    await getPool().execute(INSERT_USER, [',
      replace: "    await getPool().execute(INSERT_USER.split('ON DUPLICATE KEY UPDATE')[0]!, [",
    },
  ],
} satisfies Mistake;
