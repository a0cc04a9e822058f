import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'contact_person_email is filled from the primary email: two different sources mixed up.',
  caughtBy: '5.3',
  file: 'supplier-consumer.ts',
  edits: [{ find: '      contact_person_email: person?.email ?? null,', replace: '      contact_person_email: person ? contact.primary_email : null,' }],
} satisfies Mistake;
