import type { Mistake } from '../../../mistake.ts';

export default {
  summary:
    'parseTimestamp takes every fourth year for a leap year and forgets the century rule (a year 100 divides is one only when ' +
    '400 divides it too): 1900-02-29 and 2100-02-29, days that never existed, are stored.',
  caughtBy: '5.3',
  file: 'user-consumer.ts',
  edits: [{ find: '  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);\n', replace: '  const leap = year % 4 === 0;\n' }],
} satisfies Mistake;
