/** Runs before every test file (vitest setupFiles). */
import { relative } from 'node:path';
import fc from 'fast-check';
import { beforeAll, expect, inject } from 'vitest';
import { pointForeignKeysAt } from '../db/tables.ts';
import { registerKeyMatchers } from './key-matchers.ts';
import { connectionLesson } from './lesson-places.ts';
import { registerKataMatchers } from './matchers.ts';
import { propertyRuns } from './property-runs.ts';

registerKataMatchers();
registerKeyMatchers();
// a child table created before its parent: the running test's kata's paragraph on parent and child
pointForeignKeysAt(() => connectionLesson('parent-child'));

// Database round trips make each property run cost a few milliseconds: 25 runs per property
// keeps a suite under a second while still covering the awkward cases (fast-check biases
// towards small and extreme values). A failure prints its seed and the command that replays it
// (KATA_PROPERTY_SEED=<seed> npm test -- <file> -t "<test>"): the same seed, the same inputs.
// In the learner's watch loop a suite that is not green yet runs 5 per property (property-runs.ts).
const seed = process.env.KATA_PROPERTY_SEED ? Number(process.env.KATA_PROPERTY_SEED) : undefined;
if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`KATA_PROPERTY_SEED must be a whole number (the seed a failing property printed), got "${process.env.KATA_PROPERTY_SEED}"`);
// The verifier only asks whether a property fails (KATA_PROPERTY_SHRINK=off): shrinking a
// counterexample to its smallest form costs a database round trip per step, and halves the time of
// a catalogued mistake's run. A student's run always shrinks: the smallest input teaches best.
const shrink = process.env.KATA_PROPERTY_SHRINK !== 'off';

// Per file (the workers share modules between files, and fast-check's global settings with them).
beforeAll(() => {
  const testPath = expect.getState().testPath;
  const numRuns = propertyRuns({
    file: testPath ? relative(process.cwd(), testPath).replaceAll('\\', '/') : undefined,
    learnerLoop: inject('kata')?.learnerLoop === true,
    env: process.env,
  });
  fc.configureGlobal({ numRuns, ...(shrink ? {} : { endOnFailure: true }), ...(seed === undefined ? {} : { seed }) });
});
