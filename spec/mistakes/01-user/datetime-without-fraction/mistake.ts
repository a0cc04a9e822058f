import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'created_at is DATETIME instead of DATETIME(6): the microseconds are rounded away on insert (so the DAL\'s round trips, which run on this table, fail too).',
  caughtBy: '5.1',
  mayAlsoFail: ['5.2'],
  file: 'tables.ts',
  edits: [{ find: '     created_at      DATETIME(6)  NOT NULL,', replace: '     created_at      DATETIME     NOT NULL,' }],
} satisfies Mistake;
