import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'insertUser uses INSERT IGNORE instead of ON DUPLICATE KEY UPDATE: an existing user is never updated, every user.updated is silently dropped.',
  caughtBy: '5.2',
  file: 'user-dal.ts',
  edits: [
    {
      find: '    await getPool().execute(INSERT_USER, [',
      replace: "    await getPool().execute(INSERT_USER.replace('INSERT INTO', 'INSERT IGNORE INTO').split('ON DUPLICATE KEY UPDATE')[0]!, [",
    },
  ],
} satisfies Mistake;
