import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'ON DUPLICATE KEY UPDATE leaves out likes_count: the likes stay at their first value forever.',
  caughtBy: '5.2',
  file: 'post-dal.ts',
  edits: [{ find: '    likes_count      = VALUES(likes_count),\n', replace: '' }],
} satisfies Mistake;
