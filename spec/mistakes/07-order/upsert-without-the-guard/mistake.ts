import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The lifecycle columns are updated with plain VALUES(column), without comparing event times: an older event delivered late moves the order back.',
  caughtBy: '5.2',
  file: 'order-dal.ts',
  edits: [
    { find: 'status          = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(status), status),', replace: 'status          = VALUES(status),' },
    { find: 'paid_at         = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(paid_at), paid_at),', replace: 'paid_at         = VALUES(paid_at),' },
    {
      find: 'event_timestamp = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(event_timestamp), event_timestamp)',
      replace: 'event_timestamp = VALUES(event_timestamp)',
    },
  ],
} satisfies Mistake;
