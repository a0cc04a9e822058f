import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The order number is pasted into the UPDATE\'s text: a number with a quote breaks the statement, and crafted input could run SQL of its own.',
  caughtBy: '5.2',
  file: 'order-dal.ts',
  edits: [
    { find: '   WHERE order_number = ?`;', replace: "   WHERE order_number = '`;" },
    { find: '    const [result] = await db.execute<ResultSetHeader>(CANCEL_ORDER, [', replace: '    const [result] = await db.execute<ResultSetHeader>(CANCEL_ORDER + order_number + "\'", [' },
    { find: 'at, event_id, at, event_timestamp, order_number,\n', replace: 'at, event_id, at, event_timestamp,\n' },
  ],
} satisfies Mistake;
