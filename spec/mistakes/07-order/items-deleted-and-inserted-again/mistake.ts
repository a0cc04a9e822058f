import type { Mistake } from '../../../mistake.ts';

export default {
  summary:
    "insertItems uses kata 04's replace pattern: DELETE the order's lines, then a plain INSERT. Redeliveries pass, but every one rewrites the lines (new ids, more writes) and leaves the order without lines for a moment; the lesson says an order's lines never change.",
  caughtBy: '5.3',
  file: 'order-dal.ts',
  edits: [
    { find: "  VALUES ${Array.from({ length: count }, () => ITEM_PLACEHOLDERS).join(', ')}\n  ON DUPLICATE KEY UPDATE item_id = item_id`;", replace: "  VALUES ${Array.from({ length: count }, () => ITEM_PLACEHOLDERS).join(', ')}`;" },
    {
      find: '    const values = items.flatMap((item) => [orderId, ...ORDER_ITEM_FIELDS.map((field) => item[field])]);\n    await db.execute(insertItemsSql(items.length), values);',
      replace:
        "    const values = items.flatMap((item) => [orderId, ...ORDER_ITEM_FIELDS.map((field) => item[field])]);\n    await db.execute('DELETE FROM order_items WHERE order_id = ?', [orderId]);\n    await db.execute(insertItemsSql(items.length), values);",
    },
  ],
} satisfies Mistake;
