import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The attributes are turned into text with String() instead of JSON.stringify(): "[object Object]", which is not JSON.',
  caughtBy: '5.4',
  file: 'product-consumer.ts',
  edits: [{ find: '(value == null ? null : JSON.stringify(value));', replace: '(value == null ? null : String(value));' }],
} satisfies Mistake;
