import type { Mistake } from '../../../mistake.ts';

export default {
  summary: "softDeleteUser's WHERE compares the wrong column (event_id instead of user_id): no user is ever marked deleted.",
  caughtBy: '5.2',
  file: 'user-dal.ts',
  edits: [
    {
      find: '   WHERE user_id = ?`;',
      replace: '   WHERE event_id = ?`;',
    },
  ],
} satisfies Mistake;
