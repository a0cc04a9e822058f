import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'cancelOrder stamps cancelled_at with the server\'s NOW(6) (kata 01\'s soft delete) instead of the time the event gives: late or replayed cancels get the wrong time.',
  caughtBy: '5.2',
  file: 'order-dal.ts',
  edits: [
    { find: 'cancelled_at    = IF(? >= event_timestamp, ?, cancelled_at),', replace: 'cancelled_at    = IF(? >= event_timestamp, NOW(6), cancelled_at),' },
    { find: '      at, at, cancelled_at, at, cancel_reason,', replace: '      at, at, at, cancel_reason,' },
  ],
} satisfies Mistake;
