import type { Mistake } from '../../../mistake.ts';

export default {
  summary: "softDeletePost pastes the post_id into the SQL text: it works for hex ids, and is an SQL injection the day an id holds a quote.",
  caughtBy: '5.2',
  file: 'post-dal.ts',
  edits: [
    { find: '   WHERE post_id = ?`;', replace: '   WHERE post_id = `;' },
    { find: 'await getPool().execute(SOFT_DELETE_POST, [eventId, eventTimestamp, postId]);', replace: "await getPool().execute(`${SOFT_DELETE_POST}'${postId}'`, [eventId, eventTimestamp]);" },
  ],
} satisfies Mistake;
