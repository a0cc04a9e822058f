import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'media_json is a TEXT column: it stores whatever it is given, "[object Object]" included, and hands back text instead of a list.',
  caughtBy: '5.1',
  mayAlsoFail: ['5.2'],
  file: 'tables.ts',
  edits: [{ find: 'media_json          JSON          NOT NULL,', replace: 'media_json          TEXT          NOT NULL,' }],
} satisfies Mistake;
