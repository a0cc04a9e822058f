import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'cancelOrder returns changedRows > 0: a redelivered cancel changes nothing and says "not found", so the consumer dead-letters a cancel that worked.',
  caughtBy: '5.2',
  file: 'order-dal.ts',
  edits: [{ find: '    return result.affectedRows > 0;', replace: '    return result.changedRows > 0;' }],
} satisfies Mistake;
