import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'cancelOrder computes result.affectedRows > 0 but never returns it: every call resolves to undefined (the handler then takes every cancel for one of an unknown order).',
  caughtBy: '5.2',
  file: 'order-dal.ts',
  edits: [{ find: '    return result.affectedRows > 0;', replace: '    result.affectedRows > 0;' }],
} satisfies Mistake;
