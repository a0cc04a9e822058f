import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The handler stores the order and its items with two separate calls, no transaction: a failing item leaves the order stored without its items.',
  caughtBy: '5.4',
  file: 'order-consumer.ts',
  edits: [
    {
      find: '    await this.dal.transaction(async (connection) => {\n      await this.dal.upsertOrder(order, connection);\n      await this.dal.insertItems(order.order_id, items, connection);\n    });',
      replace: '    await this.dal.upsertOrder(order);\n    await this.dal.insertItems(order.order_id, items);',
    },
  ],
} satisfies Mistake;
