/**
 * How many cases each property of a suite runs.
 *
 * 25 everywhere, with two exceptions, both in the learner's watch loop (`npm test`, `npm start`). A
 * kata suite that is not green at its latest recorded run (.kata/progress.json) runs 5. Most mistakes
 * fail on the first few cases (fast-check starts with small and extreme values), and a suite
 * being worked on is rerun on every save: its verdict comes in about half the time. Once the suite
 * passes, its next run uses the full 25 again. And once the kata's unit suites pass, a save
 * runs the green suites it touched at 5 first, just before the end-to-end file (loop-gate.ts), so
 * that a mistake in them is named by their own suite, in a second, not first by the end-to-end one.
 *
 * A pass at 5 is provisional: the test is marked (properties.ts), progress does not count the suite
 * green, and the loop reruns it at once at 25 (loop-gate.ts, confirmations) for the real verdict.
 *
 * Grading, `npm run verify`, CI and every `vitest run` are not the learner's loop: always 25 (or
 * KATA_PROPERTY_RUNS). A replay (KATA_PROPERTY_SEED) runs 25 too: the failing case it replays may
 * be the 20th.
 */
import { readFileResults, readFirstPass } from '../learn/progress.ts';
import { FULL_RUNS, WHILE_RED_RUNS } from '../results/property-counts.ts';
import type { FileResult } from '../results/tally.ts';

export { FULL_RUNS, WHILE_RED_RUNS };

export function propertyRuns(options: {
  file: string | undefined;
  learnerLoop: boolean;
  env: Record<string, string | undefined>;
  results?: () => Record<string, FileResult>;
  /** the green suites the loop runs at the reduced count in this run (progress.ts, writeFirstPass) */
  firstPass?: () => string[];
}): number {
  if (options.env.KATA_PROPERTY_RUNS) return Number(options.env.KATA_PROPERTY_RUNS);
  if (!options.learnerLoop || options.env.KATA_PROPERTY_SEED || !options.file?.startsWith('katas/')) return FULL_RUNS;
  // a green suite the loop runs first at the reduced count, ahead of the end-to-end file
  if ((options.firstPass ?? readFirstPass)().includes(options.file)) return WHILE_RED_RUNS;
  const latest = (options.results ?? readFileResults)()[options.file];
  return latest && latest.total > 0 && latest.passed === latest.total ? FULL_RUNS : WHILE_RED_RUNS;
}

/** A property's count is the learner loop's reduced one (not one a test or KATA_PROPERTY_RUNS asked for): its pass is provisional. */
export function reducedByTheLoop(numRuns: number, env: Record<string, string | undefined>): boolean {
  return !env.KATA_PROPERTY_RUNS && numRuns < FULL_RUNS;
}
