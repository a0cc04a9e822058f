import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'contact_person_phone is read without ?? null: when the contact person has no phone, undefined reaches the driver.',
  caughtBy: '5.3',
  file: 'supplier-consumer.ts',
  edits: [
    {
      find: '      contact_person_phone: person?.phone ?? null,',
      replace: '      contact_person_phone: person?.phone as string | null,',
    },
  ],
} satisfies Mistake;
