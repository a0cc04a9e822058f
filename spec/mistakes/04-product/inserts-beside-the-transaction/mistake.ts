import type { Mistake } from '../../../mistake.ts';

export default {
  summary:
    'replaceVariants DELETEs on the transaction\'s connection but INSERTs through getPool(): each INSERT runs on another connection and waits on the locks the DELETE holds (a lock wait, not an error, until the test names it).',
  caughtBy: '5.3',
  file: 'product-dal.ts',
  edits: [{ find: '        await connection.execute(INSERT_VARIANT, [', replace: '        await getPool().execute(INSERT_VARIANT, [' }],
} satisfies Mistake;
