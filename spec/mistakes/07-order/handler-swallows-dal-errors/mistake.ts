import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The transaction is wrapped in a try/catch that only logs: the failed write is rolled back, but the event counts as stored and is lost.',
  caughtBy: '5.4',
  file: 'order-consumer.ts',
  edits: [
    {
      find: '    await this.dal.transaction(async (connection) => {\n      await this.dal.upsertOrder(order, connection);\n      await this.dal.insertItems(order.order_id, items, connection);\n    });',
      replace:
        '    try {\n      await this.dal.transaction(async (connection) => {\n        await this.dal.upsertOrder(order, connection);\n        await this.dal.insertItems(order.order_id, items, connection);\n      });\n    } catch (error) {\n      console.error(\'could not store order\', order.order_number, error);\n    }',
    },
  ],
} satisfies Mistake;
