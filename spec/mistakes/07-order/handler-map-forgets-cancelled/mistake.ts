import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'getHandlers() has no entry for order.cancelled: every cancellation is dead-lettered and orders stay open forever.',
  caughtBy: '5.4',
  file: 'order-consumer.ts',
  edits: [{ find: '      [EventType.ORDER_CANCELLED]: (event) => this.handleOrderCancelled(event),\n', replace: '' }],
} satisfies Mistake;
