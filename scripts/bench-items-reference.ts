/**
 * Kata 07's advanced challenge 1 (katas/07-order/challenge/bench-items.ts) on the reference
 * solution: the figures the lesson quotes, and the proof that the reference passes the
 * challenge's one-statement check (maintainers only: the template has no scripts/ or spec/; it
 * lives here, not under spec/solutions/, which mirrors the stubs module for module).
 *
 *   node --import ./harness/node-version.mjs scripts/bench-items-reference.ts [--check] [--orders 200 --items 1,5,20]
 */
import { benchItems, benchOptions } from '../katas/07-order/challenge/bench-items.ts';
import { OrderDAL } from '../spec/solutions/07-order/order-dal.ts';
import { tables } from '../spec/solutions/07-order/tables.ts';

const options = benchOptions();
const done = await benchItems({ tables, OrderDAL, label: 'reference solution' }, options);
process.exitCode = done ? 0 : 1;
