import type { Mistake } from '../../../mistake.ts';

export default {
  summary:
    'cancelOrder guards with WHERE order_number = ? AND event_timestamp <= ?: an older cancel changes nothing, as it should, but matches no row, so it says "no such order" and the consumer dead-letters a cancel of an order that exists.',
  caughtBy: '5.2',
  file: 'order-dal.ts',
  edits: [
    { find: "status          = IF(? >= event_timestamp, 'cancelled', status),", replace: "status          = 'cancelled'," },
    { find: 'cancelled_at    = IF(? >= event_timestamp, ?, cancelled_at),', replace: 'cancelled_at    = ?,' },
    { find: 'cancel_reason   = IF(? >= event_timestamp, ?, cancel_reason),', replace: 'cancel_reason   = ?,' },
    { find: 'updated_at      = IF(? >= event_timestamp, ?, updated_at),', replace: 'updated_at      = ?,' },
    { find: 'event_id        = IF(? >= event_timestamp, ?, event_id),', replace: 'event_id        = ?,' },
    { find: 'event_timestamp = IF(? >= event_timestamp, ?, event_timestamp)', replace: 'event_timestamp = ?' },
    { find: '   WHERE order_number = ?`;', replace: '   WHERE order_number = ? AND event_timestamp <= ?`;' },
    {
      find: '      at, at, cancelled_at, at, cancel_reason, at, cancelled_at, at, event_id, at, event_timestamp, order_number,',
      replace: '      cancelled_at, cancel_reason, cancelled_at, event_id, event_timestamp, order_number, event_timestamp,',
    },
  ],
} satisfies Mistake;
