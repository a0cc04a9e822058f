import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'insertSupplier builds its values in alphabetical order of the field names while the column list is in table order: most values land in another column.',
  caughtBy: '5.2',
  file: 'supplier-dal.ts',
  edits: [
    {
      find: 'SUPPLIER_COLUMNS.map((column) => supplier[column])',
      replace: 'Object.keys(supplier).sort().map((column) => supplier[column as keyof SupplierRow])',
    },
  ],
} satisfies Mistake;
