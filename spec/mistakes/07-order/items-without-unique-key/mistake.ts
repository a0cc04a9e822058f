import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'order_items has no UNIQUE (order_id, item_id): ON DUPLICATE KEY UPDATE never fires, and every redelivery adds the order\'s items once more.',
  caughtBy: '5.1',
  // insertItems runs on the student's table: the redelivered items are duplicated there
  mayAlsoFail: ['5.3'],
  file: 'tables.ts',
  edits: [{ find: '     UNIQUE KEY uq_order_items_item (order_id, item_id),\n', replace: '' }],
} satisfies Mistake;
