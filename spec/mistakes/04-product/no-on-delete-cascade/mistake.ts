import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The foreign key has no ON DELETE CASCADE: deleting a product that has variants is refused (RESTRICT, the default).',
  caughtBy: '5.1',
  mayAlsoFail: ['5.2'],
  file: 'tables.ts',
  edits: [{ find: '       REFERENCES products (product_id) ON DELETE CASCADE', replace: '       REFERENCES products (product_id)' }],
} satisfies Mistake;
