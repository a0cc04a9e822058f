import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'A missing phone is passed on as undefined instead of null: the driver refuses to bind undefined.',
  caughtBy: '5.3',
  file: 'user-consumer.ts',
  edits: [{ find: '      phone: data.contact_info.phone ?? null,', replace: '      phone: data.contact_info.phone as string | null,' }],
} satisfies Mistake;
