import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'cancelled_at is taken from this machine\'s clock instead of the event: a cancel processed late, or replayed, gets the wrong time.',
  caughtBy: '5.4',
  file: 'order-consumer.ts',
  edits: [{ find: '      cancelled_at: this.parseTimestamp(cancelled_at),', replace: '      cancelled_at: this.parseTimestamp(new Date().toISOString() || cancelled_at),' }],
} satisfies Mistake;
