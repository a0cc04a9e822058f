import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'softDeleteUser takes a connection with getConnection() and never release()s it: after ten deletes the pool is empty and every statement waits forever.',
  caughtBy: '5.2',
  file: 'user-dal.ts',
  edits: [
    {
      find: '    await getPool().execute(SOFT_DELETE_USER, [eventId, eventTimestamp, userId]);',
      replace: '    const connection = await getPool().getConnection();\n    await connection.execute(SOFT_DELETE_USER, [eventId, eventTimestamp, userId]);',
    },
  ],
} satisfies Mistake;
