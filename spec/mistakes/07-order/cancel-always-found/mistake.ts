import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'cancelOrder returns true whatever the UPDATE found: a cancel for an unknown order number looks done and is never looked at.',
  caughtBy: '5.2',
  file: 'order-dal.ts',
  edits: [{ find: '    return result.affectedRows > 0;', replace: '    return result !== undefined;' }],
} satisfies Mistake;
