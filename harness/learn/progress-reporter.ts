/**
 * A vitest reporter: after every run it records each kata exercise's result in .kata/progress.json
 * and prints the progress ladder. Silent while the maintainers' verifier runs (its results are the
 * reference solution's, not the student's) and when a name filter (-t) ran only part of a suite.
 */
import type { Reporter, TestModule, Vitest } from 'vitest/node';
import { curriculum } from '../../curriculum.ts';
import { outcomesFromModules } from '../results/outcomes.ts';
import { tallyProgress, type Progress } from '../results/tally.ts';
import { afterRun, inLearnerLoop } from './loop-gate.ts';
import { recordProgress, renderLadder } from './progress.ts';

/** Per kata and exercise, the passing and total tests of this run (a file whose setup failed counts as one failure). */
export function summarise(testModules: ReadonlyArray<TestModule>): Progress {
  return tallyProgress(curriculum, outcomesFromModules(testModules));
}

export default class ProgressReporter implements Reporter {
  #vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.#vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (process.env.KATA_VERIFY_MODE || this.#vitest?.config.testNamePattern) return;
    const outcomes = outcomesFromModules(testModules);
    if (Object.keys(tallyProgress(curriculum, outcomes)).length === 0) return;
    const progress = recordProgress(outcomes);
    const vitest = this.#vitest;
    if (vitest && inLearnerLoop(vitest)) {
      const { rerun, notes } = afterRun();
      for (const note of notes) process.stdout.write(`\n${note}\n`);
      // an end-to-end file whose suites just turned green runs now, not at the next save
      if (rerun.length > 0) setImmediate(() => void vitest.rerunTestSpecifications(rerun));
    }
    // in CI or under a grader nobody acts on "Next: ...": the ladder alone is the result
    process.stdout.write('\n' + renderLadder(progress, { advice: !process.env.CI }) + '\n\n');
  }
}
