import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The items are written before their order: the foreign key refuses an item whose order is not stored yet.',
  caughtBy: '5.4',
  file: 'order-consumer.ts',
  edits: [
    {
      find: '      await this.dal.upsertOrder(order, connection);\n      await this.dal.insertItems(order.order_id, items, connection);',
      replace: '      await this.dal.insertItems(order.order_id, items, connection);\n      await this.dal.upsertOrder(order, connection);',
    },
  ],
} satisfies Mistake;
