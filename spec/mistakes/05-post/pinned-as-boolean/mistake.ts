import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'is_pinned is handed over as true/false: the column gives back 1/0, so the row read back never equals the row written.',
  caughtBy: '5.3',
  file: 'post-consumer.ts',
  edits: [{ find: 'is_pinned: event.data.pinned ? 1 : 0,', replace: 'is_pinned: event.data.pinned as unknown as 0 | 1,' }],
} satisfies Mistake;
