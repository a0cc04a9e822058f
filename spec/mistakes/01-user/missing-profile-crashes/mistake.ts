import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The handler reads data.profile.display_name without optional chaining: a user without a profile crashes the handler.',
  caughtBy: '5.3',
  file: 'user-consumer.ts',
  edits: [{ find: '      display_name: data.profile?.display_name ?? null,', replace: '      display_name: data.profile!.display_name ?? null,' }],
} satisfies Mistake;
