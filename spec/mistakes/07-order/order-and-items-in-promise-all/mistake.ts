import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'Inside the transaction, upsertOrder and insertItems run together in Promise.all: the items may reach the connection before their order, and the foreign key refuses them now and then.',
  caughtBy: '5.4',
  file: 'order-consumer.ts',
  edits: [
    {
      find: '      await this.dal.upsertOrder(order, connection);\n      await this.dal.insertItems(order.order_id, items, connection);',
      replace: '      await Promise.all([this.dal.upsertOrder(order, connection), this.dal.insertItems(order.order_id, items, connection)]);',
    },
  ],
} satisfies Mistake;
