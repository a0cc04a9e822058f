import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'shipping_cost is read from totals.total instead of totals.shipping: every order seems to cost its whole amount to ship.',
  caughtBy: '5.4',
  file: 'order-consumer.ts',
  edits: [{ find: '      shipping_cost: totals.shipping,', replace: '      shipping_cost: totals.total,' }],
} satisfies Mistake;
