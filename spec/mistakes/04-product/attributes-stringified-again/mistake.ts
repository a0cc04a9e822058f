import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'insertProduct JSON.stringify()s attributes_json, which is JSON text already: the column holds a JSON string, not the document.',
  caughtBy: '5.2',
  file: 'product-dal.ts',
  edits: [
    {
      find: '    await getPool().execute(INSERT_PRODUCT, PRODUCT_COLUMNS.map((column) => product[column]));',
      replace: "    await getPool().execute(INSERT_PRODUCT, PRODUCT_COLUMNS.map((column) => (column === 'attributes_json' ? JSON.stringify(product[column]) : product[column])));",
    },
  ],
} satisfies Mistake;
