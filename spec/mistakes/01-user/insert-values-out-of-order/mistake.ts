import type { Mistake } from '../../../mistake.ts';

export default {
  summary: "The values array of insertUser lists updated_at before created_at while the column list says created_at, updated_at: each lands in the other's column.",
  caughtBy: '5.2',
  file: 'user-dal.ts',
  edits: [
    {
      find: '      user.created_at,\n      user.updated_at,\n',
      replace: '      user.updated_at,\n      user.created_at,\n',
    },
  ],
} satisfies Mistake;
