/**
 * fast-check's assert, shaped for students:
 *  - a failing property throws the assertion's own error (its message, its diff), followed by the
 *    smallest generated input that fails and one line that replays the run, instead of
 *    fast-check's report (seed, path, "Enable verbose mode" hints);
 *  - a stub that is not written yet reports "NotStarted: exercise 5.2 ..." plainly;
 *  - an error that has nothing to do with the data (a stub, a pool without free connections)
 *    stops the property at once instead of shrinking through dozens of runs that fail alike;
 *  - once its test is over (a timeout, say), a property starts no further run: a run still going
 *    must not reach into the next test's, or the next file's, database;
 *  - a student's console.log shows as usual until a run fails; while fast-check shrinks the input
 *    (dozens of runs), the output of the smallest failing run is shown once, at the end, instead
 *    of every shrinking run's.
 */
import { relative } from 'node:path';
import fc from 'fast-check';
import { expect, onTestFinished, TestRunner } from 'vitest';
import { isNotStarted } from '../not-started.ts';
import { FULL_RUNS, reducedByTheLoop } from './property-runs.ts';
import { PROPERTY_FOOTER } from './teach.ts';

const NOT_ABOUT_THE_DATA = Symbol.for('kata.notAboutTheData');

/** Marks an error whose cause is not the generated input: the property stops at its first occurrence. */
export function notAboutTheData<E extends Error>(error: E): E {
  Object.defineProperty(error, NOT_ABOUT_THE_DATA, { value: true, enumerable: false });
  return error;
}

export function isNotAboutTheData(error: unknown): boolean {
  return notAboutTheDataIn(error) !== undefined;
}

/**
 * The error (or the cause inside it) whose reason is not the data: `await expect(stub()).resolves`
 * fails with an AssertionError whose cause is the stub's NotStarted.
 */
function notAboutTheDataIn(error: unknown): Error | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (isNotStarted(current) || (current as unknown as Record<symbol, unknown>)[NOT_ABOUT_THE_DATA] === true) return current;
  }
  return undefined;
}

/** How much of a counterexample is printed: a 26-column row with long texts would fill the screen. */
const COUNTEREXAMPLE_CHARACTERS = 1200;

export async function assertProperty<Ts>(property: fc.IAsyncProperty<Ts> | fc.IProperty<Ts>, parameters: fc.Parameters<Ts> = {}): Promise<void> {
  const guard = runGuard<Ts>();
  try {
    onTestFinished(() => guard.testIsOver());
  } catch {
    // called outside a test (a hook): nothing to stop early
  }
  // a property that runs fewer than the full count (the learner's loop, while its suite is red:
  // property-runs.ts) marks its test, so that a pass at that count is not recorded as green
  const numRuns = parameters.numRuns ?? fc.readConfigureGlobal().numRuns ?? FULL_RUNS;
  const test = TestRunner.getCurrentTest();
  if (test && reducedByTheLoop(numRuns, process.env)) test.meta.propertyRuns = Math.min(test.meta.propertyRuns ?? numRuns, numRuns);
  const state = expect.getState();
  const where = { file: state.testPath ? relative(process.cwd(), state.testPath) : undefined, test: state.currentTestName };
  const report: fc.Plugin<Ts> = () => ({
    onAllRunsComplete: (details) => {
      if (details.failed) throw teachingError(details, where);
    },
  });
  const quiet = quietWhileShrinking<Ts>();
  try {
    await fc.assert(property, { ...parameters, plugins: [...(parameters.plugins ?? []), guard.plugin, quiet.plugin, report] });
  } finally {
    quiet.done();
  }
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;
type ConsoleMethod = (typeof CONSOLE_METHODS)[number];

/**
 * A fast-check plugin: once a run failed, each later run's console output is held, and only the
 * last failing run's (the counterexample fast-check reports) is written, by done(), with a line
 * that says so. Runs before the first failure write as usual.
 */
export function quietWhileShrinking<Ts>(): { plugin: fc.Plugin<Ts>; done(): void } {
  let failedOnce = false;
  let shrinkingRuns = 0;
  /** console calls the shrinking runs made (held, not written) */
  let heldCalls = 0;
  let lastFailing: [ConsoleMethod, unknown[]][] | undefined;
  const originals = new Map<ConsoleMethod, (...args: unknown[]) => void>();
  const hold = (into: [ConsoleMethod, unknown[]][]) => {
    for (const method of CONSOLE_METHODS) {
      originals.set(method, console[method]);
      console[method] = (...args: unknown[]) => {
        heldCalls++;
        into.push([method, args]);
      };
    }
  };
  const release = () => {
    for (const [method, original] of originals) console[method] = original;
    originals.clear();
  };
  const plugin: fc.Plugin<Ts> = () => ({
    decorateRun: (nestedRun) => (value) => {
      const held: [ConsoleMethod, unknown[]][] = [];
      const shrinking = failedOnce;
      if (shrinking) {
        shrinkingRuns++;
        hold(held);
      }
      const settle = (result: RunResult): RunResult => {
        if (shrinking) release();
        const failed = result !== null && !(result instanceof fc.PreconditionFailure);
        if (failed && shrinking) lastFailing = held;
        if (failed) failedOnce = true;
        return result;
      };
      try {
        const outcome = nestedRun(value);
        if (outcome === null || !('then' in outcome)) return settle(outcome);
        return outcome.then(settle, (error: unknown) => {
          if (shrinking) release();
          throw error;
        });
      } catch (error) {
        if (shrinking) release();
        throw error;
      }
    },
  });
  return {
    plugin,
    done() {
      release();
      if (shrinkingRuns === 0 || heldCalls === 0) return;
      if (lastFailing === undefined || lastFailing.length === 0) {
        console.log(`(the console output of the ${shrinkingRuns} runs that shrank the failing input is not shown: the first failing run's is above)`);
        return;
      }
      console.log(`(the console output of the smallest failing run, whose input the failure shows; that of the other ${shrinkingRuns - 1} shrinking runs is not shown:)`);
      for (const [method, args] of lastFailing) console[method](...args);
    },
  };
}

type RunResult = fc.PreconditionFailure | fc.PropertyFailure | null;

/**
 * A fast-check plugin that starts no run once testIsOver() was called (and abandons the run in
 * progress), nor after a run failed for a reason that is not about the data.
 */
export function runGuard<Ts>(): { plugin: fc.Plugin<Ts>; testIsOver(): void } {
  let over = false;
  let stopped = false;
  let signalOver: () => void = () => undefined;
  const overPromise = new Promise<fc.PreconditionFailure>((resolve) => {
    signalOver = () => resolve(new fc.PreconditionFailure(true));
  });
  const plugin: fc.Plugin<Ts> = () => ({
    decorateRun: (nestedRun) => (value) => {
      // PreconditionFailure(true) is fast-check's way to interrupt a property: no run starts after it
      if (over || stopped) return new fc.PreconditionFailure(true);
      const note = (result: RunResult): RunResult => {
        if (result !== null && !(result instanceof fc.PreconditionFailure) && isNotAboutTheData(result.error)) stopped = true;
        return result;
      };
      const outcome = nestedRun(value);
      if (outcome === null || !('then' in outcome)) return note(outcome);
      return Promise.race([outcome.then(note), overPromise]);
    },
  });
  return {
    plugin,
    testIsOver() {
      over = true;
      signalOver();
    },
  };
}

/** The error a failed property reports: the assertion's own error, then the input and how to replay it. */
export function teachingError<Ts>(details: fc.RunDetails<Ts>, where: { file?: string; test?: string } = {}): Error {
  const cause = details.errorInstance;
  // a stub not written yet (or a dry pool): its own plain message, no generated input to study
  const plain = notAboutTheDataIn(cause);
  if (plain) return plain;
  const error = cause instanceof Error ? cause : new Error(String(cause));
  let input = fc.stringify(details.counterexample);
  if (input.length > COUNTEREXAMPLE_CHARACTERS) input = `${input.slice(0, COUNTEREXAMPLE_CHARACTERS)}… (cut)`;
  const shrunk = details.numShrinks > 0 ? `, shrunk ${details.numShrinks} time(s) to the smallest one that still fails` : '';
  error.message =
    `${error.message}\n\n` +
    `${PROPERTY_FOOTER}run ${details.numRuns}${shrunk}):\n  ${input}\n` +
    `Replay this run: ${replayCommand(details.seed, where)}`;
  return error;
}

/** `KATA_PROPERTY_SEED=<seed> npm test -- <file> -t '<test>'`: setup.ts hands the seed to fast-check. */
export function replayCommand(seed: number, where: { file?: string; test?: string }): string {
  // -t takes a regular expression, in single quotes for the shell: the test's own name up to any
  // quote, with the characters that mean something in a pattern escaped
  const name = where.test?.split(' > ').at(-1)?.split(/['"`]/)[0]?.trim().replace(/[()[\]{}*+?.^$|\\]/g, '\\$&');
  return `KATA_PROPERTY_SEED=${seed} npm test -- ${where.file ?? '<test file>'}${name ? ` -t '${name}'` : ''}`;
}

declare module 'vitest' {
  interface TaskMeta {
    /** the fewest cases a property of this test ran, when fewer than the full count (FULL_RUNS) */
    propertyRuns?: number;
  }
}
