import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'upsertOrder runs on getPool() instead of its db argument: inside the consumer\'s transaction, the order commits on its own, and a failing item cannot take it back.',
  caughtBy: '5.2',
  file: 'order-dal.ts',
  edits: [{ find: '    await db.execute(INSERT_ORDER,', replace: '    await getPool().execute(INSERT_ORDER,' }],
} satisfies Mistake;
