/**
 * A vitest reporter: after every run it records each kata exercise's result in .kata/progress.json
 * and prints the progress ladder. Silent while the maintainers' verifier runs (its results are the
 * reference solution's, not the student's) and when a name filter (-t) ran only part of a suite.
 */
import type { Reporter, TestModule, TestSpecification, Vitest } from 'vitest/node';
import { curriculum } from '../../curriculum.ts';
import { styleText } from 'node:util';
import { outcomesFromModules, type TestOutcome } from '../results/outcomes.ts';
import { tallyKata, tallyProgress, type Progress } from '../results/tally.ts';
import { FULL_RUNS } from '../results/property-counts.ts';
import { afterRun, inLearnerLoop, rerunAsContinuation } from './loop-gate.ts';
import { currentExercise, kataGreen, readProgress, recordProgress, renderLadder } from './progress.ts';
import { observeAndOffer, StuckTracker } from './stuck.ts';

export default class ProgressReporter implements Reporter {
  #vitest: Vitest | undefined;
  // one reporter for the whole watch session: it sees every run, so it can tell a learner going round in circles
  #stuck = new StuckTracker();

  onInit(vitest: Vitest): void {
    this.#vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (process.env.KATA_VERIFY_MODE || this.#vitest?.config.testNamePattern) return;
    const outcomes = outcomesFromModules(testModules);
    if (Object.keys(tallyProgress(curriculum, outcomes)).length === 0) return;
    const vitest = this.#vitest;
    let runsNow: string[] = [];
    let confirmNow: string[] = [];
    let alsoNow: string[] = [];
    let thenNow: string[] = [];
    let next: TestSpecification[] = [];
    /** files (from the root) whose result the runs right after this one replace */
    let runningNext: string[] = [];
    // recorded first: the gate reads this run's results
    const recorded = recordProgress(outcomes);
    if (vitest && inLearnerLoop(vitest)) {
      const { rerun, notes, endToEnd, afterCurrent, confirming, afterEndToEnd, replaced } = afterRun(testModules);
      for (const note of notes) process.stdout.write(`\n${note}\n`);
      // an end-to-end file whose gate just opened runs now, not at the next save; then the
      // confirmations at the full count and the green suites the save touched
      next = rerun;
      runningNext = replaced;
      if (next.length > 0) rerunAsContinuation(vitest, next);
      runsNow = endToEnd;
      alsoNow = afterCurrent;
      confirmNow = confirming;
      thenNow = afterEndToEnd;
    }
    // the files about to run count as not run yet: their previous verdict is about to be replaced
    // (a file being confirmed keeps its pass at the reduced count: the ladder says "confirming")
    const progress = runningNext.length === 0 ? recorded : readProgress(runningNext);
    // in CI or under a grader nobody acts on "Next: ...": the ladder alone is the result; nor
    // while an end-to-end file is about to run (its verdict decides what comes next)
    process.stdout.write('\n' + renderLadder(progress, { advice: !process.env.CI && next.length === 0 }) + '\n');
    if (alsoNow.length > 0) {
      // after the verdict above: the suites of green exercises the save also touched
      const one = alsoNow.length === 1;
      process.stdout.write(`  ${alsoNow.join(', ')}: green at ${one ? 'its' : 'their'} latest run, and this run covers code ${one ? 'it uses' : 'they use'}: ${one ? 'it runs' : 'they run'} again now, after the verdict above…\n`);
    }
    if (confirmNow.length > 0) {
      process.stdout.write(`  ${confirmNow.join(', ')}: passing at a few cases per property, confirming with ${FULL_RUNS} now…\n`);
    } else if (runsNow.length > 0) {
      process.stdout.write(
        `  Your unit suites passed at their latest run: ${runsNow.join(', ')} runs now on this code, by itself (a second or so: its events go through Kafka to the watch session's consumer).\n`,
      );
      if (thenNow.length > 0) process.stdout.write(`  Right after it: ${thenNow.join(', ')}, on this code too (at the full ${FULL_RUNS} cases per property).\n`);
    } else if (vitest && inLearnerLoop(vitest)) {
      const offer = this.#stuckOffer(progress, outcomes);
      if (offer) process.stdout.write(`  ${styleText('yellow', offer)}\n`);
    }
    process.stdout.write('\n');
  }

  /** After several red runs of the current exercise with the same first failure: the next hint level, offered (never shown unasked). */
  #stuckOffer(progress: Progress, outcomes: readonly TestOutcome[]): string | undefined {
    // the kata this run worked on (kata 00 may never have run: it does not make a learner less stuck)
    const kata = curriculum.find((entry) => !entry.startsGreen && !kataGreen(progress, entry) && outcomes.some((outcome) => outcome.kata === entry.id));
    if (!kata) return undefined;
    const exercise = currentExercise(progress, kata);
    const result = tallyKata(kata, outcomes).find((entry) => entry.id === exercise);
    return observeAndOffer(this.#stuck, kata, result, result?.ran === true);
  }
}
