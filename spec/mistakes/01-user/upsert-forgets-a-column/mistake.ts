import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'ON DUPLICATE KEY UPDATE leaves out bio, so an updated bio never reaches the table.',
  caughtBy: '5.2',
  file: 'user-dal.ts',
  edits: [{ find: '    bio             = VALUES(bio),\n', replace: '' }],
} satisfies Mistake;
