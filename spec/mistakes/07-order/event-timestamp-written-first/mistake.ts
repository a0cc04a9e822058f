import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'event_timestamp = VALUES(event_timestamp) comes first in the UPDATE list: the server assigns left to right, so every guard after it compares the new time with itself and an older event moves the order back.',
  caughtBy: '5.2',
  file: 'order-dal.ts',
  edits: [
    { find: '  ON DUPLICATE KEY UPDATE\n    status ', replace: '  ON DUPLICATE KEY UPDATE\n    event_timestamp = VALUES(event_timestamp),\n    status ' },
    { find: ',\n    event_timestamp = IF(VALUES(event_timestamp) >= event_timestamp, VALUES(event_timestamp), event_timestamp)`;', replace: '`;' },
  ],
} satisfies Mistake;
