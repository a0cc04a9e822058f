import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The handler reads address.city without optional chaining: an online-only supplier (no address) crashes it.',
  caughtBy: '5.3',
  file: 'supplier-consumer.ts',
  edits: [{ find: '      city: address?.city ?? null,', replace: '      city: address!.city ?? null,' }],
} satisfies Mistake;
