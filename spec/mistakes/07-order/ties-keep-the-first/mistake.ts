import type { Mistake } from '../../../mistake.ts';

export default {
  summary:
    'Every guard compares with > instead of >= (the upsert\'s and the cancel\'s): of two different events with the same time, the first delivered sticks and the later one is lost.',
  caughtBy: '5.2',
  file: 'order-dal.ts',
  edits: [
    { find: 'status          = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(status),', replace: 'status          = IF(VALUES(event_timestamp) > event_timestamp, VALUES(status),' },
    { find: 'payment_status  = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(payment_status),', replace: 'payment_status  = IF(VALUES(event_timestamp) > event_timestamp, VALUES(payment_status),' },
    { find: 'paid_at         = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(paid_at),', replace: 'paid_at         = IF(VALUES(event_timestamp) > event_timestamp, VALUES(paid_at),' },
    { find: 'shipped_at      = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(shipped_at),', replace: 'shipped_at      = IF(VALUES(event_timestamp) > event_timestamp, VALUES(shipped_at),' },
    { find: 'delivered_at    = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(delivered_at),', replace: 'delivered_at    = IF(VALUES(event_timestamp) > event_timestamp, VALUES(delivered_at),' },
    { find: 'cancelled_at    = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(cancelled_at),', replace: 'cancelled_at    = IF(VALUES(event_timestamp) > event_timestamp, VALUES(cancelled_at),' },
    { find: 'cancel_reason   = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(cancel_reason),', replace: 'cancel_reason   = IF(VALUES(event_timestamp) > event_timestamp, VALUES(cancel_reason),' },
    { find: 'updated_at      = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(updated_at),', replace: 'updated_at      = IF(VALUES(event_timestamp) > event_timestamp, VALUES(updated_at),' },
    { find: 'event_id        = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(event_id),', replace: 'event_id        = IF(VALUES(event_timestamp) > event_timestamp, VALUES(event_id),' },
    { find: 'event_timestamp = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(event_timestamp),', replace: 'event_timestamp = IF(VALUES(event_timestamp) > event_timestamp, VALUES(event_timestamp),' },
    { find: "status          = IF(? >= event_timestamp, 'cancelled',", replace: "status          = IF(? > event_timestamp, 'cancelled'," },
    { find: "cancelled_at    = IF(? >= event_timestamp, ?,", replace: "cancelled_at    = IF(? > event_timestamp, ?," },
    { find: "cancel_reason   = IF(? >= event_timestamp, ?,", replace: "cancel_reason   = IF(? > event_timestamp, ?," },
    { find: "updated_at      = IF(? >= event_timestamp, ?,", replace: "updated_at      = IF(? > event_timestamp, ?," },
    { find: "event_id        = IF(? >= event_timestamp, ?,", replace: "event_id        = IF(? > event_timestamp, ?," },
    { find: "event_timestamp = IF(? >= event_timestamp, ?,", replace: "event_timestamp = IF(? > event_timestamp, ?," },
  ],
} satisfies Mistake;
