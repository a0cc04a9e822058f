import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'cancelOrder matches WHERE order_id = ? with the order number: no order\'s id is its number, so nothing is ever cancelled.',
  caughtBy: '5.2',
  file: 'order-dal.ts',
  edits: [{ find: '   WHERE order_number = ?`;', replace: '   WHERE order_id = ?`;' }],
} satisfies Mistake;
