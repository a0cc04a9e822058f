import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'order_number has a plain INDEX instead of a UNIQUE KEY: the database accepts two orders with one number, and a cancel by number would cancel both.',
  caughtBy: '5.1',
  file: 'tables.ts',
  edits: [{ find: 'UNIQUE KEY uq_orders_order_number (order_number),', replace: 'INDEX idx_orders_order_number (order_number),' }],
} satisfies Mistake;
