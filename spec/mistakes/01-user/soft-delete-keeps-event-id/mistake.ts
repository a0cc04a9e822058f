import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The soft delete sets deleted_at but leaves event_id/event_timestamp of the previous event: the row no longer says which event touched it last.',
  caughtBy: '5.2',
  file: 'user-dal.ts',
  edits: [
    {
      find: '     SET deleted_at = NOW(6), event_id = ?, event_timestamp = ?\n   WHERE user_id = ?`;',
      replace: '     SET deleted_at = NOW(6)\n   WHERE ? IS NOT NULL AND ? IS NOT NULL AND user_id = ?`;',
    },
  ],
} satisfies Mistake;
