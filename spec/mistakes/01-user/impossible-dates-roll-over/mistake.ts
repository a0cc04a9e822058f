import type { Mistake } from '../../../mistake.ts';

export default {
  summary:
    'parseTimestamp lets Date.UTC roll an impossible date over instead of refusing it: 2024-02-30 is stored as March 1st, ' +
    '2024-13-45T25:61:61 as 2025-02-15, year 0000 as 1900, and the event is logged as "stored".',
  caughtBy: '5.3',
  file: 'user-consumer.ts',
  edits: [
    {
      find:
        '    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) {\n' +
        '      throw new Error(`not a date and time that exists: ${JSON.stringify(value)}`);\n' +
        '    }\n',
      replace: '',
    },
    { find: '    const wall = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));\n    wall.setUTCFullYear(y);\n', replace: '    const wall = new Date(Date.UTC(y, mo - 1, d, h, mi, s));\n' },
    {
      find: "    if (utc.getUTCFullYear() < 1 || utc.getUTCFullYear() > 9999) throw new Error(`outside the years 0001-9999 once in UTC: ${JSON.stringify(value)}`);\n",
      replace: '',
    },
  ],
} satisfies Mistake;
