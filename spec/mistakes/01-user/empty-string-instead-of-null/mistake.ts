import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'A missing phone is stored as \'\' instead of NULL: "no phone" and "an empty phone" become the same, and COUNT(phone) counts users without one.',
  caughtBy: '5.3',
  file: 'user-consumer.ts',
  edits: [
    {
      find: '      phone: data.contact_info.phone ?? null,',
      replace: "      phone: data.contact_info.phone ?? '',",
    },
  ],
} satisfies Mistake;
