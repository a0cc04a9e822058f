import type { Mistake } from '../../../mistake.ts';

export default {
  summary:
    'An index on every counter "in case someone sorts by it": no query of the data team\'s uses them, and each one is updated on every insert ' +
    'and every counter change (section 3: these four indexes and no more).',
  caughtBy: '5.1',
  file: 'tables.ts',
  edits: [
    {
      find: '     INDEX idx_posts_created_at (created_at)\n',
      replace:
        '     INDEX idx_posts_created_at (created_at),\n' +
        '     INDEX idx_posts_likes (likes_count),\n' +
        '     INDEX idx_posts_views (views_count)\n',
    },
  ],
} satisfies Mistake;
