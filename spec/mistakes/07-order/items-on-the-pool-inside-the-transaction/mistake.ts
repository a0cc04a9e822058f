import type { Mistake } from '../../../mistake.ts';

export default {
  summary:
    "Inside the transaction, insertItems is not handed the transaction's connection: it runs on the pool, its foreign key check waits on the order row the transaction holds, and the statement times out (the service would retry it forever).",
  caughtBy: '5.4',
  file: 'order-consumer.ts',
  edits: [
    {
      find: '      await this.dal.insertItems(order.order_id, items, connection);\n    });',
      replace: '      await this.dal.insertItems(order.order_id, items);\n    });',
    },
  ],
} satisfies Mistake;
