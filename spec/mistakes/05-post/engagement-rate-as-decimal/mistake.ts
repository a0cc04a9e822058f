import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'engagement_rate is a DECIMAL(5,4), as if it were money: 1e-9 becomes 0.0000 and 12.5 is refused.',
  caughtBy: '5.1',
  mayAlsoFail: ['5.2'],
  file: 'tables.ts',
  edits: [{ find: 'engagement_rate     DOUBLE        NOT NULL,', replace: 'engagement_rate     DECIMAL(5,4)  NOT NULL,' }],
} satisfies Mistake;
