import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'city is VARCHAR(50) instead of VARCHAR(100): longer city names are rejected.',
  caughtBy: '5.1',
  mayAlsoFail: ['5.2'],
  file: 'tables.ts',
  edits: [
    {
      find: '     city                 VARCHAR(100) NULL,',
      replace: '     city                 VARCHAR(50)  NULL,',
    },
  ],
} satisfies Mistake;
