import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'published_at = VALUES(published_at): every update moves the publication date (or wipes it with null).',
  caughtBy: '5.2',
  file: 'post-dal.ts',
  edits: [{ find: 'published_at     = COALESCE(published_at, VALUES(published_at)),', replace: 'published_at     = VALUES(published_at),' }],
} satisfies Mistake;
