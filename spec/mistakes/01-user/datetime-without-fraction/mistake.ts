import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'created_at is DATETIME instead of DATETIME(6): the microseconds are rounded away on insert.',
  caughtBy: '5.1',
  file: 'tables.ts',
  edits: [{ find: '     created_at      DATETIME(6)  NOT NULL,', replace: '     created_at      DATETIME     NOT NULL,' }],
} satisfies Mistake;
