import type { Mistake } from '../../../mistake.ts';

// Found by a student's run: the parameter test called the missing post_id "SQL injection",
// though nothing was pasted: the UPDATE has no WHERE and never sent it.
export default {
  summary: 'softDeletePost has no WHERE: one post.deleted event marks every post deleted.',
  caughtBy: '5.2',
  file: 'post-dal.ts',
  edits: [
    { find: '     SET deleted_at = NOW(6), event_id = ?, event_timestamp = ?\n   WHERE post_id = ?`;', replace: '     SET deleted_at = NOW(6), event_id = ?, event_timestamp = ?`;' },
    { find: 'await getPool().execute(SOFT_DELETE_POST, [eventId, eventTimestamp, postId]);', replace: 'void postId;\n    await getPool().execute(SOFT_DELETE_POST, [eventId, eventTimestamp]);' },
  ],
} satisfies Mistake;
