import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The UNIQUE key is on item_id alone: every order numbers its lines from ln-01, so the second order\'s ln-01 counts as a duplicate of the first\'s, and is refused or silently dropped.',
  caughtBy: '5.1',
  // insertItems runs on the student's table: the second order's lines are lost there too
  mayAlsoFail: ['5.3'],
  file: 'tables.ts',
  edits: [{ find: 'UNIQUE KEY uq_order_items_item (order_id, item_id),', replace: 'UNIQUE KEY uq_order_items_item (item_id),' }],
} satisfies Mistake;
