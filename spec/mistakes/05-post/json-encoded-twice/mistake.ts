import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The DAL calls JSON.stringify on the JSON columns again: each column holds a JSON string that contains the list, not the list.',
  caughtBy: '5.2',
  file: 'post-dal.ts',
  edits: [
    {
      find: 'await getPool().execute(INSERT_POST, POST_COLUMNS.map((column) => post[column]));',
      replace: "await getPool().execute(INSERT_POST, POST_COLUMNS.map((column) => (column.endsWith('_json') ? JSON.stringify(post[column]) : post[column])));",
    },
  ],
} satisfies Mistake;
