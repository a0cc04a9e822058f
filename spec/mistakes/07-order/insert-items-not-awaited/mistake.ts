import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'insertItems is not awaited inside the transaction: the transaction commits (and gives its connection back) before the items are written.',
  caughtBy: '5.4',
  file: 'order-consumer.ts',
  edits: [{ find: '      await this.dal.insertItems(order.order_id, items, connection);', replace: '      void this.dal.insertItems(order.order_id, items, connection);' }],
} satisfies Mistake;
