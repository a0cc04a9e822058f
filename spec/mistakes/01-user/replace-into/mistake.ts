import type { Mistake } from '../../../mistake.ts';

export default {
  summary: "insertUser uses REPLACE INTO: on a duplicate the row is deleted and inserted again, so created_at takes the update's value.",
  caughtBy: '5.2',
  file: 'user-dal.ts',
  edits: [
    {
      find: '    await getPool().execute(INSERT_USER, [',
      replace: "    await getPool().execute(INSERT_USER.replace('INSERT INTO', 'REPLACE INTO').split('ON DUPLICATE KEY UPDATE')[0]!, [",
    },
  ],
} satisfies Mistake;
