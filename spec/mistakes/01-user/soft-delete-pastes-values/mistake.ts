import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'softDeleteUser pastes its three values into the SQL text: it works on hex ids and UUIDs, until a value holds a quote (and it is open to SQL injection).',
  caughtBy: '5.2',
  file: 'user-dal.ts',
  edits: [
    {
      find: '    await getPool().execute(SOFT_DELETE_USER, [eventId, eventTimestamp, userId]);',
      replace: "    await getPool().query(`UPDATE users SET deleted_at = NOW(6), event_id = '${eventId}', event_timestamp = '${eventTimestamp}' WHERE user_id = '${userId}'`);",
    },
  ],
} satisfies Mistake;
