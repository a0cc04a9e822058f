import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The upsert also overwrites created_at: the date a product was first listed moves on every update.',
  caughtBy: '5.2',
  file: 'product-dal.ts',
  edits: [{ find: '    updated_at = VALUES(updated_at),', replace: '    created_at = VALUES(created_at),\n    updated_at = VALUES(updated_at),' }],
} satisfies Mistake;
