import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'views_count is an INT like the other counters: the first post past 2,147,483,647 views is refused.',
  caughtBy: '5.1',
  mayAlsoFail: ['5.2'],
  file: 'tables.ts',
  edits: [{ find: 'views_count         BIGINT        NOT NULL,', replace: 'views_count         INT           NOT NULL,' }],
} satisfies Mistake;
