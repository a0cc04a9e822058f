import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The order total is a DOUBLE: binary fractions, sums that drift off the cent, and mysql2 returns a number instead of the exact text.',
  caughtBy: '5.1',
  // upsertOrder round-trips run on the student's table: the total comes back as a number there
  mayAlsoFail: ['5.2'],
  file: 'tables.ts',
  edits: [{ find: '     total             DECIMAL(12,2) NOT NULL,', replace: '     total             DOUBLE        NOT NULL,' }],
} satisfies Mistake;
