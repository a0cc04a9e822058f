import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'insertProduct takes a connection of its own (getPool().getConnection()) and never release()s it: the pool runs dry after ten products.',
  caughtBy: '5.2',
  file: 'product-dal.ts',
  edits: [
    {
      find: '    await getPool().execute(INSERT_PRODUCT, PRODUCT_COLUMNS.map((column) => product[column]));',
      replace: '    const connection = await getPool().getConnection();\n    await connection.execute(INSERT_PRODUCT, PRODUCT_COLUMNS.map((column) => product[column]));',
    },
  ],
} satisfies Mistake;
