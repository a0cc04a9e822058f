import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The upsert updates author_id and author_display_name too: an update can hand a post to someone else.',
  caughtBy: '5.2',
  file: 'post-dal.ts',
  edits: [{ find: '  ON DUPLICATE KEY UPDATE\n    body             = VALUES(body),', replace: '  ON DUPLICATE KEY UPDATE\n    author_id = VALUES(author_id),\n    author_display_name = VALUES(author_display_name),\n    body             = VALUES(body),' }],
} satisfies Mistake;
