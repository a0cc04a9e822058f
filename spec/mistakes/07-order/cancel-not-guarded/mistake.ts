import type { Mistake } from '../../../mistake.ts';

export default {
  summary:
    'cancelOrder sets status, times, event_id and event_timestamp unconditionally: a cancel delivered late, older than the order\'s last event, moves the order back and sets its event_timestamp back.',
  caughtBy: '5.2',
  file: 'order-dal.ts',
  edits: [
    { find: "status          = IF(? >= event_timestamp, 'cancelled', status),", replace: "status          = 'cancelled'," },
    { find: 'cancelled_at    = IF(? >= event_timestamp, ?, cancelled_at),', replace: 'cancelled_at    = ?,' },
    { find: 'cancel_reason   = IF(? >= event_timestamp, ?, cancel_reason),', replace: 'cancel_reason   = ?,' },
    { find: 'updated_at      = IF(? >= event_timestamp, ?, updated_at),', replace: 'updated_at      = ?,' },
    { find: 'event_id        = IF(? >= event_timestamp, ?, event_id),', replace: 'event_id        = ?,' },
    { find: 'event_timestamp = IF(? >= event_timestamp, ?, event_timestamp)', replace: 'event_timestamp = ?' },
    {
      find: '      at, at, cancelled_at, at, cancel_reason, at, cancelled_at, at, event_id, at, event_timestamp, order_number,',
      replace: '      cancelled_at, cancel_reason, cancelled_at, event_id, event_timestamp, order_number,',
    },
  ],
} satisfies Mistake;
