import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'insertItems writes one row per item in forEach(async ...): nothing waits for the INSERTs, so the method resolves before the items are stored, and their errors reach no one.',
  caughtBy: '5.3',
  file: 'order-dal.ts',
  edits: [
    {
      find: '    const values = items.flatMap((item) => [orderId, ...ORDER_ITEM_FIELDS.map((field) => item[field])]);\n    await db.execute(insertItemsSql(items.length), values);',
      replace: '    items.forEach(async (item) => {\n      await db.execute(insertItemsSql(1), [orderId, ...ORDER_ITEM_FIELDS.map((field) => item[field])]);\n    });',
    },
  ],
} satisfies Mistake;
