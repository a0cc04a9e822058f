import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'engagement_rate is a FLOAT: about 7 significant digits, so 0.30000000000000004 comes back as 0.3 and 0.0734 is stored as 0.07339999824762344.',
  caughtBy: '5.1',
  // the DAL's round trips run on this table
  mayAlsoFail: ['5.2'],
  file: 'tables.ts',
  edits: [{ find: 'engagement_rate     DOUBLE        NOT NULL,', replace: 'engagement_rate     FLOAT         NOT NULL,' }],
} satisfies Mistake;
