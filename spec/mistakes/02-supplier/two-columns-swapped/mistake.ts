import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'city and state are swapped in the INSERT column list: every value of one lands in the other.',
  caughtBy: '5.2',
  file: 'supplier-dal.ts',
  edits: [{ find: '     street_line_1, street_line_2, city, state, zip_code, country,', replace: '     street_line_1, street_line_2, state, city, zip_code, country,' }],
} satisfies Mistake;
