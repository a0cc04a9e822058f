import type { Mistake } from '../../../mistake.ts';

export default {
  summary: "is_pinned is handed over as true/false instead of 1/0, against PostRow's 0 | 1 (what a BOOLEAN column gives back): it works only because the driver converts booleans.",
  caughtBy: '5.3',
  file: 'post-consumer.ts',
  edits: [{ find: 'is_pinned: event.data.pinned ? 1 : 0,', replace: 'is_pinned: event.data.pinned as unknown as 0 | 1,' }],
} satisfies Mistake;
