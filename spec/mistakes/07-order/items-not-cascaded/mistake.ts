import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The foreign key has no ON DELETE CASCADE: a retention job that deletes old orders is refused as long as they have items.',
  caughtBy: '5.1',
  file: 'tables.ts',
  edits: [{ find: '       REFERENCES orders (order_id) ON DELETE CASCADE', replace: '       REFERENCES orders (order_id)' }],
} satisfies Mistake;
