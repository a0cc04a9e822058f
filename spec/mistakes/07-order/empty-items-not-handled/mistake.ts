import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'insertItems sends its INSERT even for an empty list: "VALUES" with no row is a syntax error.',
  caughtBy: '5.3',
  file: 'order-dal.ts',
  edits: [{ find: '    if (items.length === 0) return;\n', replace: '' }],
} satisfies Mistake;
