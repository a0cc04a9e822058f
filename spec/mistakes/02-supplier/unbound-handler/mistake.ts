import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'getHandlers() hands over this.handleSupplierDeleted unbound: called as a plain function, `this` is undefined inside it.',
  caughtBy: '5.3',
  file: 'supplier-consumer.ts',
  edits: [
    {
      find: '      [EventType.SUPPLIER_DELETED]: (event) => this.handleSupplierDeleted(event),',
      replace: '      [EventType.SUPPLIER_DELETED]: this.handleSupplierDeleted,',
    },
  ],
} satisfies Mistake;
