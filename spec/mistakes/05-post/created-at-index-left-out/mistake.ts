import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'No index on created_at, "because (author_id, created_at) already has it": a compound index only serves its leftmost columns, so posts per day scans the table.',
  caughtBy: '5.1',
  file: 'tables.ts',
  edits: [{ find: '     INDEX idx_posts_engagement (engagement_rate),\n     INDEX idx_posts_created_at (created_at)\n', replace: '     INDEX idx_posts_engagement (engagement_rate)\n' }],
} satisfies Mistake;
