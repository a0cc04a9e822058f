import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'handleOrderCreated does not await this.dal.transaction(...): the handler resolves before the order and its items are stored, the framework commits the offset, and a failing write is heard by nobody.',
  caughtBy: '5.4',
  file: 'order-consumer.ts',
  edits: [{ find: '    await this.dal.transaction(async (connection) => {\n      await this.dal.upsertOrder(order, connection);', replace: '    void this.dal.transaction(async (connection) => {\n      await this.dal.upsertOrder(order, connection);' }],
} satisfies Mistake;
