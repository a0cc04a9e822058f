import type { Mistake } from '../../../mistake.ts';

export default {
  summary: "softDeleteUser sets deleted_at from the event's timestamp instead of the server's NOW(6).",
  caughtBy: '5.2',
  file: 'user-dal.ts',
  edits: [
    {
      find: '     SET deleted_at = NOW(6), event_id = ?, event_timestamp = ?',
      replace: '     SET deleted_at = ?, event_id = ?, event_timestamp = ?',
    },
    {
      find: '[eventId, eventTimestamp, userId]',
      replace: '[eventTimestamp, eventId, eventTimestamp, userId]',
    },
  ],
} satisfies Mistake;
