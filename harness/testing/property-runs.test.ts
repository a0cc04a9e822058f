import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FULL_RUNS, propertyRuns, WHILE_RED_RUNS } from './property-runs.ts';

const green = { 'katas/07-order/5.2-dal.test.ts': { kata: '07-order', exercise: '5.2', passed: 14, total: 14 } };
const red = { 'katas/07-order/5.2-dal.test.ts': { kata: '07-order', exercise: '5.2', passed: 3, total: 14 } };
const file = 'katas/07-order/5.2-dal.test.ts';

describe('how many cases a property runs', () => {
  it('outside the learner\'s watch loop (grading, verify, CI: vitest run) always the full count, red or green', () => {
    for (const results of [green, red, {}]) expect(propertyRuns({ file, learnerLoop: false, env: {}, results: () => results })).toBe(FULL_RUNS);
  });

  it('in the learner\'s loop: fewer while the suite is red or not run yet, the full count once it passed', () => {
    expect(propertyRuns({ file, learnerLoop: true, env: {}, results: () => red })).toBe(WHILE_RED_RUNS);
    expect(propertyRuns({ file, learnerLoop: true, env: {}, results: () => ({}) })).toBe(WHILE_RED_RUNS);
    expect(propertyRuns({ file, learnerLoop: true, env: {}, results: () => green })).toBe(FULL_RUNS);
  });

  it('a replayed seed runs the full count (its failing case may be a late one); KATA_PROPERTY_RUNS wins over everything', () => {
    expect(propertyRuns({ file, learnerLoop: true, env: { KATA_PROPERTY_SEED: '42' }, results: () => red })).toBe(FULL_RUNS);
    expect(propertyRuns({ file, learnerLoop: true, env: { KATA_PROPERTY_RUNS: '7' }, results: () => red })).toBe(7);
    expect(propertyRuns({ file, learnerLoop: false, env: { KATA_PROPERTY_RUNS: '7' }, results: () => green })).toBe(7);
  });

  it('files outside the katas always run the full count', () => {
    expect(propertyRuns({ file: 'harness/testing/rows.test.ts', learnerLoop: true, env: {}, results: () => ({}) })).toBe(FULL_RUNS);
  });

  it('this run\'s setup configured the count the rules give: the full count in every `vitest run`', () => {
    const expected = process.env.KATA_PROPERTY_RUNS ? Number(process.env.KATA_PROPERTY_RUNS) : FULL_RUNS;
    // a harness file: the full count in watch mode too
    expect(fc.readConfigureGlobal().numRuns).toBe(expected);
  });
});
