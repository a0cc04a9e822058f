import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'version has no DEFAULT: a row written without a version (a backfill, a hand-written INSERT) is refused instead of starting at version 1.',
  caughtBy: '5.1',
  file: 'tables.ts',
  edits: [{ find: '     version         INT          NOT NULL DEFAULT 1,', replace: '     version         INT          NOT NULL,' }],
} satisfies Mistake;
