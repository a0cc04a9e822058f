import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The product price is a DOUBLE: money stored as a binary fraction, sums drift and mysql2 returns a number.',
  caughtBy: '5.1',
  mayAlsoFail: ['5.2'],
  file: 'tables.ts',
  edits: [{ find: '     price           DECIMAL(10,2) NOT NULL,', replace: '     price           DOUBLE        NOT NULL,' }],
} satisfies Mistake;
