/**
 * Stuck detection for the guided loop: after several red runs of the same exercise with the same
 * first failure, `npm start` and `npm test`'s watch mode offer the next hint level (never revealed unasked).
 */
import type { Kata } from '../../curriculum.ts';
import type { ExerciseResult } from '../results/tally.ts';
import { hintsOf, revealedCount } from './hints.ts';

/** Red runs in a row with the same first failure before the loop offers a hint. */
export const STUCK_AFTER_RUNS = 3;

export class StuckTracker {
  #key = '';
  #runs = 0;

  /** Records a run's current (first non-green) exercise; returns how many runs in a row failed the same way. */
  observe(kataId: string, current: ExerciseResult | undefined): number {
    const failure = current?.firstFailure;
    if (!current || !failure) {
      this.#key = '';
      this.#runs = 0;
      return 0;
    }
    // the test and its message's first line: a new message (progress inside the test) resets the count
    const key = `${kataId}/${current.id}/${failure.file}/${failure.test}/${failure.message.split('\n')[0]}`;
    this.#runs = key === this.#key ? this.#runs + 1 : 1;
    this.#key = key;
    return this.#runs;
  }
}

/** The offer shown under the failure, or undefined when the learner is not stuck (or has seen every hint). */
export function stuckOffer(kataId: string, exerciseId: string, runs: number, hints: { revealed: number; total: number }): string | undefined {
  if (runs < STUCK_AFTER_RUNS || hints.total === 0) return undefined;
  if (hints.revealed >= hints.total) {
    return `The same failure ${runs} runs in a row, and you have seen every hint: reread the lesson's "Exercise ${exerciseId}", and the test's own code (it is the specification).`;
  }
  return `The same failure ${runs} runs in a row. Hint ${hints.revealed + 1} of ${hints.total} is one command away: npm run hint -- ${kataId} ${exerciseId}`;
}

/**
 * The offer for a kata's current exercise after this run, counted by `tracker`. A run that did not
 * run the exercise (`ranNow` false: the loop's rerun of other suites, a confirmation, the
 * end-to-end file) neither counts nor breaks the streak: "3 runs in a row" means three of its runs.
 * `result` undefined: the kata has no current exercise (it is green): the streak ends.
 */
export function observeAndOffer(tracker: StuckTracker, kata: Kata, result: ExerciseResult | undefined, ranNow = true): string | undefined {
  if (result && !ranNow) return undefined;
  const runs = tracker.observe(kata.id, result);
  return result && stuckOffer(kata.id, result.id, runs, { revealed: revealedCount(kata, result.id), total: hintsOf(kata, result.id).length });
}
