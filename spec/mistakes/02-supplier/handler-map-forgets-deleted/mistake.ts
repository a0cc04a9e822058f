import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'getHandlers() has no entry for supplier.deleted: deleted suppliers stay in the table forever.',
  caughtBy: '5.3',
  file: 'supplier-consumer.ts',
  edits: [{ find: '      [EventType.SUPPLIER_DELETED]: (event) => this.handleSupplierDeleted(event),\n', replace: '' }],
} satisfies Mistake;
