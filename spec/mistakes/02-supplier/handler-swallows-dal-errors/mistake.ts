import type { Mistake } from '../../../mistake.ts';

export default {
  summary: "handleSupplierDeleted catches the DAL's error and only logs it: a failed delete resolves, the offset is committed, and the supplier is never deleted.",
  caughtBy: '5.3',
  file: 'supplier-consumer.ts',
  edits: [
    {
      find: '    await this.dal.deleteSupplier(event.data.supplier_id ?? event.entity_id);',
      replace: "    try {\n      await this.dal.deleteSupplier(event.data.supplier_id ?? event.entity_id);\n    } catch (error) {\n      console.error('delete failed', error);\n    }",
    },
  ],
} satisfies Mistake;
