import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'cancelOrder stamps cancelled_at with the server\'s NOW(6) (kata 01\'s soft delete) instead of the time the event gives: late or replayed cancels get the wrong time.',
  caughtBy: '5.2',
  file: 'order-dal.ts',
  edits: [
    { find: "SET status = 'cancelled', cancelled_at = ?, cancel_reason = ?,", replace: "SET status = 'cancelled', cancelled_at = NOW(6), cancel_reason = ?," },
    { find: 'CANCEL_ORDER, [cancelled_at, cancel_reason, cancelled_at,', replace: 'CANCEL_ORDER, [cancel_reason, cancelled_at,' },
  ],
} satisfies Mistake;
