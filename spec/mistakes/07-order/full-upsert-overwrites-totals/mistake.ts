import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The upsert also updates the money and the customer (the kata 01 habit of updating every column): a later event rewrites an order\'s totals after the books were closed.',
  caughtBy: '5.2',
  file: 'order-dal.ts',
  edits: [
    {
      find: '  ON DUPLICATE KEY UPDATE\n    status ',
      replace:
        '  ON DUPLICATE KEY UPDATE\n    customer_email = VALUES(customer_email),\n    subtotal = VALUES(subtotal),\n    tax = VALUES(tax),\n    shipping_cost = VALUES(shipping_cost),\n    discount = VALUES(discount),\n    total = VALUES(total),\n    status ',
    },
  ],
} satisfies Mistake;
