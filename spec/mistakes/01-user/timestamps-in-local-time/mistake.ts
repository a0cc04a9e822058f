import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'parseTimestamp formats with the Date\'s local-time getters: the stored time depends on the machine\'s time zone.',
  caughtBy: '5.3',
  file: 'user-consumer.ts',
  edits: [
    {
      find: "    const wallTime = utc.toISOString().slice(0, 19).replace('T', ' ');",
      replace:
        "    const date = utc;\n" +
        "    const pad = (n: number) => String(n).padStart(2, '0');\n" +
        "    const wallTime = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;",
    },
  ],
} satisfies Mistake;
