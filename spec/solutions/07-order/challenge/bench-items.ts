/**
 * Kata 07's advanced challenge 1 (katas/07-order/challenge/bench-items.ts) on the reference
 * solution: the figures the lesson quotes, and the proof that the reference passes the
 * challenge's one-statement check (maintainers only: the template has no spec/).
 *
 *   node --import ./harness/node-version.mjs spec/solutions/07-order/challenge/bench-items.ts [--check] [--orders 200 --items 1,5,20]
 */
import { benchItems, benchOptions } from '../../../../katas/07-order/challenge/bench-items.ts';
import { OrderDAL } from '../order-dal.ts';
import { tables } from '../tables.ts';

const options = benchOptions();
const done = await benchItems({ tables, OrderDAL, label: 'reference solution' }, options);
process.exitCode = done ? 0 : 1;
