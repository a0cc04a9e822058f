import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'handleOrderCancelled passes the envelope\'s entity_id (the order id) as the order number: no order has that number, so nothing is ever cancelled.',
  caughtBy: '5.4',
  file: 'order-consumer.ts',
  edits: [
    { find: '    const { order_number, reason, cancelled_at } = event.data;', replace: '    const { reason, cancelled_at } = event.data;\n    const order_number = event.entity_id;' },
  ],
} satisfies Mistake;
