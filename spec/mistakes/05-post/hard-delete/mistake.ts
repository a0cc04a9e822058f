import type { Mistake } from '../../../mistake.ts';

// Found by a student's run: the parameter test called the missing event_id and event_timestamp
// "SQL injection", though nothing was pasted: they were not sent at all.
export default {
  summary: 'softDeletePost deletes the row (DELETE FROM posts WHERE post_id = ?): the post is gone instead of marked deleted, and the event that deleted it is not recorded.',
  caughtBy: '5.2',
  file: 'post-dal.ts',
  edits: [
    { find: '  UPDATE posts\n     SET deleted_at = NOW(6), event_id = ?, event_timestamp = ?\n   WHERE post_id = ?`;', replace: '  DELETE FROM posts\n   WHERE post_id = ?`;' },
    { find: 'await getPool().execute(SOFT_DELETE_POST, [eventId, eventTimestamp, postId]);', replace: 'void eventId; void eventTimestamp;\n    await getPool().execute(SOFT_DELETE_POST, [postId]);' },
  ],
} satisfies Mistake;
