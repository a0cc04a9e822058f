import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'parseTimestamp goes through a JavaScript Date, which keeps milliseconds only: the last three digits become 000.',
  caughtBy: '5.3',
  file: 'user-consumer.ts',
  edits: [
    {
      find: "    return `${wallTime}.${fraction.padEnd(6, '0').slice(0, 6)}`;",
      replace: "    return `${wallTime}.${fraction.padEnd(6, '0').slice(0, 3)}000`;",
    },
  ],
} satisfies Mistake;
