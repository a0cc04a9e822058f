import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'Every lifecycle column is guarded but event_timestamp itself is not: an older event keeps the status but sets the row\'s time back, and the next event is judged against the wrong time.',
  caughtBy: '5.2',
  file: 'order-dal.ts',
  edits: [
    {
      find: 'event_timestamp = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(event_timestamp), event_timestamp)',
      replace: 'event_timestamp = VALUES(event_timestamp)',
    },
  ],
} satisfies Mistake;
