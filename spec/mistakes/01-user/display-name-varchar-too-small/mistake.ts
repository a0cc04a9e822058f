import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'display_name is VARCHAR(50) instead of VARCHAR(100): longer names are rejected ("Data too long").',
  caughtBy: '5.1',
  mayAlsoFail: ['5.2'],
  file: 'tables.ts',
  edits: [
    {
      find: '     display_name    VARCHAR(100) NULL,',
      replace: '     display_name    VARCHAR(50)  NULL,',
    },
  ],
} satisfies Mistake;
