import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The DAL rounds engagement_rate to four decimals "for the reports": 1e-9 is stored as 0.',
  caughtBy: '5.2',
  file: 'post-dal.ts',
  edits: [
    {
      find: 'await getPool().execute(INSERT_POST, POST_COLUMNS.map((column) => post[column]));',
      replace: "await getPool().execute(INSERT_POST, POST_COLUMNS.map((column) => (column === 'engagement_rate' ? Number(post.engagement_rate.toFixed(4)) : post[column])));",
    },
  ],
} satisfies Mistake;
