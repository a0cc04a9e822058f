/**
 * The learner's reporter: vitest's default one, except that a red run reads calmly. The current
 * exercise's failures show in full; each later exercise that fails gets one line
 * (later-exercises.ts), and a suite that is only a stub's NotStarted lists no test by test. The
 * counts ("Tests 37 failed | 3 passed") are vitest's own, over every test. End-to-end failures come
 * after the unit suites' (a unit test names the mistake; the end-to-end one only that it shows).
 *
 * Named in vitest.config.ts, so it serves `npm test` and `npx vitest run`. Grading and verify run
 * with their own reporters (JSON, the batch reporter) and see every result; `--reporter=default`
 * shows vitest's full report. Under the verifier's module redirection (KATA_VERIFY_MODE) nothing
 * is folded: a maintainer reading a reference or a mistake wants every failure.
 */
import { stripVTControlCharacters, styleText } from 'node:util';
import { DefaultReporter, type TestModule } from 'vitest/node';
import type { SerializedError } from 'vitest';
import { outcomesFromModules } from '../results/outcomes.ts';
import { continuationPending, takeContinuation } from './loop-gate.ts';
import { isNotStartedMessage, laterExercises, waitsFor, type LaterExercises } from './later-exercises.ts';

type Files = Parameters<DefaultReporter['reportSummary']>[0];

/** Worker and main process read the same clock; a little slack for a test stamped as the run began. */
const CLOCK_SLACK_MS = 50;

/** When the module's first test started (epoch ms), or undefined when none ran (a setup that failed). */
function startOf(module: TestModule): number | undefined {
  for (const test of module.children.allTests()) {
    const started = test.diagnostic()?.startTime;
    if (started) return started;
  }
  return undefined;
}

/** Where a compiler error points, when a suite's setup failed on one: "katas/04-product/product-consumer.ts, line 43". */
export function syntaxErrorIn(coloured: string): string | undefined {
  // the compiler colours its code frame
  const message = stripVTControlCharacters(coloured);
  // the compiler's own signature (a SyntaxError thrown by code at run time is another matter)
  if (!/Transform failed/.test(message) && !(/\[PARSE_ERROR\]/.test(message) && message.includes('╭─['))) return undefined;
  const at = /╭─\[\s*([^\s\]]+?):(\d+):\d+\s*\]/.exec(message) ?? /File: (\S+)/.exec(message);
  if (!at) return 'a file it imports';
  const file = at[1]!.replace(/^.*?(?=katas\/|harness\/)/, '');
  return at[2] ? `${file}, line ${at[2]}` : file;
}

export default class CalmReporter extends DefaultReporter {
  #later: LaterExercises = { folded: new Set(), lines: [] };
  #files: Files = [];

  /** when this run started (Date.now(), as vitest stamps a file's result) */
  #runStartedAt = 0;

  override onTestRunStart(specifications: Parameters<DefaultReporter['onTestRunStart']>[0]): void {
    this.#runStartedAt = Date.now();
    super.onTestRunStart(specifications);
  }

  override onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>, reason: Parameters<DefaultReporter['onTestRunEnd']>[2]): void {
    // only the files that ran: vitest also hands over the files the learner loop's sequencer held
    // back (an end-to-end file, green suites that run next), with their previous results, whose
    // old failures would show in full and count in the summary as if they had just run
    const ran = testModules.filter((module) => {
      const started = startOf(module);
      return started === undefined || started >= this.#runStartedAt - CLOCK_SLACK_MS;
    });
    this.#later = process.env.KATA_VERIFY_MODE ? { folded: new Set(), lines: [] } : laterExercises(outcomesFromModules(ran));
    super.onTestRunEnd(ran, unhandledErrors, reason);
  }

  /** vitest's summary: its list of failures without the later exercises' files; its counts over every file. */
  override reportSummary(files: Files, errors: unknown[]): void {
    this.#files = files;
    // an end-to-end failure after the unit suites' (theirs name the mistake; it says where to look first)
    const endToEndLast = (file: Files[number]) => (file.filepath.endsWith('.e2e.test.ts') ? 1 : 0);
    super.reportSummary(
      files.filter((file) => !this.#later.folded.has(this.relative(file.filepath).replaceAll('\\', '/'))).toSorted((a, b) => endToEndLast(a) - endToEndLast(b)),
      errors,
    );
  }

  override reportTestSummary(_shown: Files, errors: unknown[], leakCount: number): void {
    if (this.#later.lines.length > 0) {
      const [heading, ...rest] = this.#later.lines;
      this.log('');
      this.log(styleText('bold', heading!));
      for (const line of rest) this.log(line.startsWith('  ') ? styleText('yellow', line) : styleText('dim', line));
    }
    super.reportTestSummary(this.#files, errors, leakCount);
  }

  /**
   * The loop's own reruns (loop-gate.ts: a confirmation, the end-to-end file, the suites that
   * waited) continue the run before them: the screen is not cleared, so its failures stay in view.
   * vitest would also list again, and count in the rerun's summary, the files that failed before
   * and are not in the rerun (the file that failed just above): the summary is the rerun's own.
   */
  override onWatcherRerun(files: string[], trigger?: string): void {
    if (!takeContinuation(trigger)) return super.onWatcherRerun(files, trigger);
    const logger = this.ctx.logger as { clearFullScreen: (message?: string) => void };
    const clear = logger.clearFullScreen;
    const print = this.printTestModule;
    logger.clearFullScreen = () => undefined;
    this.printTestModule = () => undefined;
    try {
      this.log('');
      super.onWatcherRerun(files, 'the loop, right after the run above');
    } finally {
      logger.clearFullScreen = clear;
      this.printTestModule = print;
      this.failedUnwatchedFiles = [];
    }
  }

  /**
   * Nothing while the loop's own rerun follows (it is not waiting for a save yet); then
   * "PASS Waiting for file changes" only when every file this session ran passed at its latest run:
   * vitest judges by the rerun's files alone, and a rerun of green suites right after a red one
   * said PASS under the failure.
   */
  override onWatcherStart(files?: Parameters<DefaultReporter['onWatcherStart']>[0], errors?: Parameters<DefaultReporter['onWatcherStart']>[1]): void {
    void files;
    // the loop is not waiting yet: its own rerun follows at once, or a save's (another save landed
    // while this run went on: vitest's watcher holds its files, to rerun them next)
    const savePending = ((this.ctx as { watcher?: { changedTests?: ReadonlySet<string> } }).watcher?.changedTests?.size ?? 0) > 0;
    if (continuationPending() || savePending) return;
    super.onWatcherStart(this.ctx.state.getFiles(), errors ?? this.ctx.state.getUnhandledErrors());
  }

  /** A suite that failed only on stubs (NotStarted) or before its tests (setup): its line, not each test. */
  protected override printTestModule(testModule: TestModule): void {
    if (process.env.KATA_VERIFY_MODE || testModule.state() !== 'failed') return super.printTestModule(testModule);
    const outcomes = outcomesFromModules([testModule]);
    const failing = outcomes.filter((outcome) => outcome.status === 'failed');
    const tests = outcomes.filter((outcome) => !outcome.setup);
    const notStarted = failing.length > 0 && failing.every((outcome) => isNotStartedMessage(outcome.message));
    const setupOnly = failing.length > 0 && failing.every((outcome) => outcome.setup);
    if (!notStarted && !setupOnly) return super.printTestModule(testModule);
    const waits = setupOnly ? waitsFor(failing[0]!.message) : undefined;
    const unreadable = setupOnly ? syntaxErrorIn(failing[0]!.message) : undefined;
    const why = notStarted
      ? 'not started: each test meets a stub'
      : waits
        ? `waits for ${waits}`
        : unreadable
          ? `no test ran: a syntax error in ${unreadable} (shown below)`
          : 'its setup failed, before any test';
    this.log(` ${this.getEntityPrefix(testModule)} ${testModule.relativeModuleId} ${styleText('dim', `(${tests.length} tests | ${why})`)}`);
  }
}
