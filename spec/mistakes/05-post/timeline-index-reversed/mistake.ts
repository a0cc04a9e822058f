import type { Mistake } from '../../../mistake.ts';

export default {
  summary: "The timeline index is (created_at, author_id): an author's posts are scattered over the whole index, so the timeline query cannot use it.",
  caughtBy: '5.1',
  file: 'tables.ts',
  edits: [{ find: 'INDEX idx_posts_author_created (author_id, created_at)', replace: 'INDEX idx_posts_author_created (created_at, author_id)' }],
} satisfies Mistake;
