import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'Inside the transaction, upsertOrder is called without the connection: it runs on another connection and commits at once, so a failing item cannot roll the order back.',
  caughtBy: '5.4',
  file: 'order-consumer.ts',
  edits: [{ find: '      await this.dal.upsertOrder(order, connection);', replace: '      await this.dal.upsertOrder(order);' }],
} satisfies Mistake;
