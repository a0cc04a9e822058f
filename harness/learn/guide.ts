/**
 * What `npm start` shows after each run of the current kata: the exercises with their results,
 * the current one, the first failing expectation with its teaching message, and the next action.
 */
import { styleText } from 'node:util';
import type { TestModule } from 'vitest/node';
import type { Kata } from '../../curriculum.ts';
import { exerciseOfFile, outcomesFromModules, suiteName, type TestOutcome } from '../results/outcomes.ts';
import { tallyKata, type ExerciseResult } from '../results/tally.ts';
import { FULL_RUNS } from '../results/property-counts.ts';
import { isNotStartedMessage } from './later-exercises.ts';
import { suiteFilesOf } from './katas.ts';

export { progressOf, type ExerciseResult } from '../results/tally.ts';

/** Per exercise, in course order: counts and the first failure (suite setup errors included). */
export function collectResults(kata: Kata, testModules: ReadonlyArray<TestModule>): ExerciseResult[] {
  return tallyKata(kata, outcomesFromModules(testModules));
}

/**
 * A kata's results across the runs of a watch session, kept per suite file: a run of one file
 * (the end-to-end one the loop held back, or what a save affected) replaces that file's outcomes
 * only, so exercise 5.4 counts its unit suite's 30 tests and the end-to-end file's one, not the
 * last file's alone.
 */
export class KataResults {
  readonly #files = new Map<string, TestOutcome[]>();
  readonly kata: Kata;
  constructor(kata: Kata) {
    this.kata = kata;
  }

  /**
   * Records a run's files of this kata; returns the kata's results so far. An exercise with a suite
   * file that has not run in this session (the end-to-end file, held back until the unit suites
   * pass), or that runs right after this run (`runningNext`), is not done: its verdict is still to come.
   */
  record(testModules: ReadonlyArray<TestModule>, runningNext: readonly string[] = []): ExerciseResult[] {
    const outcomes = outcomesFromModules(testModules).filter((outcome) => outcome.kata === this.kata.id);
    for (const file of new Set(outcomes.map((outcome) => outcome.file))) this.#files.set(file, outcomes.filter((outcome) => outcome.file === file));
    // files (from the root) that run right after this run: their outcomes so far are about to be replaced
    const known = [...this.#files].filter(([file]) => !runningNext.includes(file));
    const results = tallyKata(this.kata, known.flatMap(([, fileOutcomes]) => fileOutcomes));
    for (const file of suiteFilesOf(`katas/${this.kata.id}`)) {
      if (known.some(([other]) => other === file)) continue;
      const result = results.find((entry) => entry.id === exerciseOfFile(this.kata, file)?.id);
      if (result) result.notRun = [...(result.notRun ?? []), suiteName(file)];
    }
    return results;
  }
}

/** Every test of the exercise ran and passed, at the full count of property cases. */
function done(result: ExerciseResult): boolean {
  return result.total > 0 && result.passed === result.total && result.confirming === undefined && !result.notRun?.length;
}

export function isGreen(results: readonly ExerciseResult[]): boolean {
  return results.every(done);
}

/** The first exercise that is not green (undefined when the kata is). */
export function currentResult(results: readonly ExerciseResult[]): ExerciseResult | undefined {
  return results.find((result) => !done(result));
}

/**
 * Every test that ran passed, but a suite file has not run yet: the end-to-end file, which the
 * learner's loop runs right after the other suites pass (loop-gate.ts).
 */
function awaitingOnlyFiles(result: ExerciseResult, runningNext: readonly string[] = []): boolean {
  if (result.passed !== result.total || result.confirming !== undefined || !result.notRun?.length) return false;
  // none of its files ran yet in this session: waiting only if they all run right now
  return result.total > 0 || result.notRun.every((name) => runningNext.includes(name));
}

/** How much of the first failure's message the guide shows (a 20-column row diff fits). */
const MESSAGE_LINES = 40;

/**
 * `offer`: a line for a learner who looks stuck (see stuck.ts), shown with the next action.
 * `runningNext`: suite files (names without .test.ts) the loop runs right after this run: an
 * exercise waiting only for them is running, not "next: work on it".
 */
export function guideText(kata: Kata, results: readonly ExerciseResult[], offer?: string, runningNext: readonly string[] = []): string {
  const current = currentResult(results);
  const lines = [styleText('bold', `── kata ${kata.id} · ${kata.title}`)];
  // its tests also run code of an earlier kata: a red test may come from there
  for (const need of kata.requires ?? []) lines.push(styleText('dim', `   builds on kata ${need.kata}, exercise ${need.exercise}: ${need.what}`));
  const width = Math.max(...results.map((result) => `${result.id} ${result.title}`.length));
  const at = current ? results.indexOf(current) : results.length;
  for (const [index, result] of results.entries()) {
    const green = done(result);
    const mark = green ? styleText('green', '✓') : result === current ? styleText('yellow', '▶') : awaitingOnlyFiles(result, runningNext) ? styleText('yellow', '…') : ' ';
    // passed at the loop's reduced count of property cases: the full count is running now
    const confirming = result.confirming !== undefined && result.passed === result.total ? styleText('dim', `  passing at ${result.confirming} cases, confirming with ${FULL_RUNS}…`) : '';
    // a later exercise is one line: its failures wait for the current one (a stub's, most often)
    const later = index > at && !green && result.firstFailure ? styleText('dim', isNotStartedMessage(result.firstFailure.message) ? '  not started' : '  comes after ' + current!.id) : '';
    const runsNow = result === current || result.total === 0 || result.notRun?.every((name) => runningNext.includes(name));
    const pending = runsNow && awaitingOnlyFiles(result, runningNext) ? styleText('dim', `  ${result.notRun!.join(', ')} ${result.notRun!.length === 1 ? 'runs' : 'run'} now…`) : '';
    lines.push(`${mark} ${`${result.id} ${result.title}`.padEnd(width)}  ${result.passed}/${result.total}${later}${confirming}${pending}`);
  }
  if (!current) {
    lines.push(styleText('green', `✓ Kata ${kata.id} is green: every test passes.`));
    if (!kata.startsGreen) {
      lines.push(`  Compare your approach with the lesson's: katas/${kata.id}/README.md, "3. Schema deep dive" and "7. Advanced challenges".`);
      lines.push('  And run `npm run typecheck`: the tests run your code without type-checking it.');
    }
    return lines.join('\n');
  }
  const failure = current.firstFailure;
  if (failure) {
    lines.push('', styleText('bold', `First failing expectation (${failure.file})`), `  ${failure.test}`);
    // the whole message, a row diff included (a cut table hides ✗ rows); only a runaway one is cut, and says so
    const message = failure.message.split('\n');
    for (const line of message.slice(0, MESSAGE_LINES)) lines.push(`  ${line}`);
    if (message.length > MESSAGE_LINES) {
      lines.push(styleText('dim', `  … ${message.length - MESSAGE_LINES} more lines: npm test -- ${failure.file} shows the whole failure`));
    }
  }
  lines.push(
    '',
    awaitingOnlyFiles(current, runningNext)
      ? `Next: wait a second or two for ${current.notRun!.join(', ')}: ${current.notRun!.length === 1 ? 'its' : 'their'} verdict decides whether exercise ${current.id} is done.`
      : current.confirming !== undefined && current.passed === current.total
      ? `Next: wait a second or two: exercise ${current.id} passed at ${current.confirming} cases per property, and runs again now at ${FULL_RUNS}; that verdict decides whether it is done.`
      : kata.startsGreen
      ? 'Next: this kata checks your environment. Run `npm run doctor` in another terminal: it says what is missing and how to fix it.'
      : `Next: work on exercise ${current.id} (katas/${kata.id}/README.md, "Exercise ${current.id}"), save, and this reruns by itself. Stuck? npm run hint -- ${kata.id} ${current.id}`,
  );
  if (offer) lines.push(styleText('yellow', offer));
  return lines.join('\n');
}
