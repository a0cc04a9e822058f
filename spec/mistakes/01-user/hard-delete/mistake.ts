import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'softDeleteUser runs a hard DELETE: the row, and the user in every analytics count, is gone.',
  caughtBy: '5.2',
  file: 'user-dal.ts',
  edits: [
    {
      find: "  UPDATE users\n     SET deleted_at = NOW(6), event_id = ?, event_timestamp = ?\n   WHERE user_id = ?`;",
      replace: "  DELETE FROM users WHERE ? IS NOT NULL AND ? IS NOT NULL AND user_id = ?`;",
    },
  ],
} satisfies Mistake;
