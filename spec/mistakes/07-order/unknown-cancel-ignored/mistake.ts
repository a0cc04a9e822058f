import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The handler ignores cancelOrder\'s answer: a cancellation for an order nobody stored resolves as "stored" and vanishes instead of reaching the dead letters.',
  caughtBy: '5.4',
  file: 'order-consumer.ts',
  edits: [{ find: '    const found = await this.dal.cancelOrder({', replace: '    const found = true || await this.dal.cancelOrder({' }],
} satisfies Mistake;
