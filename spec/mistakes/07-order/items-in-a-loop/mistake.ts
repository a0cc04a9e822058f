import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'insertItems sends one INSERT per item in a loop: correct rows, but one round trip per item instead of one per order.',
  caughtBy: '5.3',
  file: 'order-dal.ts',
  edits: [
    {
      find: '    const values = items.flatMap((item) => [orderId, ...ORDER_ITEM_FIELDS.map((field) => item[field])]);\n    await db.execute(insertItemsSql(items.length), values);',
      replace: '    for (const item of items) {\n      await db.execute(insertItemsSql(1), [orderId, ...ORDER_ITEM_FIELDS.map((field) => item[field])]);\n    }',
    },
  ],
} satisfies Mistake;
