import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'No index on email: every look-up by email scans the whole table.',
  caughtBy: '5.1',
  file: 'tables.ts',
  edits: [{ find: '     INDEX idx_users_email (email),\n', replace: '' }],
} satisfies Mistake;
