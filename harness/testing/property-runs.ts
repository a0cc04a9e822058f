/**
 * How many cases each property of a suite runs.
 *
 * 25 everywhere, with one exception: in the learner's watch loop (`npm test`, `npm start`), a kata
 * suite that is not green at its latest recorded run (.kata/progress.json) runs 5. Most mistakes
 * fail on the first few cases (fast-check starts with small and extreme values), and a suite
 * being worked on is rerun on every save: its verdict comes in about half the time. Once the suite
 * passes, its next run uses the full 25 again.
 *
 * Grading, `npm run verify`, CI and every `vitest run` are not the learner's loop: always 25 (or
 * KATA_PROPERTY_RUNS). A replay (KATA_PROPERTY_SEED) runs 25 too: the failing case it replays may
 * be the 20th.
 */
import { readFileResults } from '../learn/progress.ts';
import type { FileResult } from '../results/tally.ts';

export const FULL_RUNS = 25;
export const WHILE_RED_RUNS = 5;

export function propertyRuns(options: {
  file: string | undefined;
  learnerLoop: boolean;
  env: Record<string, string | undefined>;
  results?: () => Record<string, FileResult>;
}): number {
  if (options.env.KATA_PROPERTY_RUNS) return Number(options.env.KATA_PROPERTY_RUNS);
  if (!options.learnerLoop || options.env.KATA_PROPERTY_SEED || !options.file?.startsWith('katas/')) return FULL_RUNS;
  const latest = (options.results ?? readFileResults)()[options.file];
  return latest && latest.total > 0 && latest.passed === latest.total ? FULL_RUNS : WHILE_RED_RUNS;
}
