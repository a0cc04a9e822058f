/**
 * Test results, whichever way a run was made (vitest in-process in the guided loop and the
 * progress reporter, or a child vitest's JSON report in grade and verify), as one list of
 * outcomes; and the one function that says which kata and exercise a test file belongs to.
 * Grading, verifying, the progress ladder and `npm start` all count through here, so they can
 * never disagree about which tests belong to exercise 5.2.
 */
import { basename, relative } from 'node:path';
import type { TestModule } from 'vitest/node';
import { curriculum, type Exercise, type Kata } from '../../curriculum.ts';
import { formatFailure } from './format-failure.ts';

export type TestStatus = 'passed' | 'failed' | 'skipped';

export type TestOutcome = {
  /** the test file, relative to the repository root, with forward slashes */
  file: string;
  /** the kata and exercise the file belongs to (undefined for harness and spec files) */
  kata?: string;
  exercise?: string;
  name: string;
  status: TestStatus;
  /** the failure's message (first error), '' when it passed */
  message: string;
  /** true for the error of a file's setup (beforeAll, an import), reported before its tests */
  setup?: boolean;
  /** its properties ran fewer than the full count (the learner's loop while red): a pass here is provisional */
  reducedRuns?: number;
  /** how long the test ran, when the runner said (verify: a mistake's verdict must come in seconds) */
  durationMs?: number;
};

/** The title of the outcome that stands for a file's failed setup. */
export const SETUP_FAILURE = "(the file's setup, before its tests)";

/** Which kata a file belongs to, from its path (katas/<id>/...). */
export function kataOfFile(file: string): Kata | undefined {
  const match = /(?:^|[\\/])katas[\\/]([^\\/]+)[\\/]/.exec(file);
  return curriculum.find((kata) => kata.id === match?.[1]);
}

/**
 * Which exercise a suite file belongs to: `5.2-dal.test.ts` -> 5.2, `5.3-consumer.e2e.test.ts`
 * -> 5.3, `smoke.e2e.test.ts` -> smoke. The one rule every tool uses.
 */
export function exerciseOfFile(kata: Kata, file: string): Exercise | undefined {
  const name = basename(file);
  return kata.exercises.find((exercise) => name.startsWith(`${exercise.id}-`) || name.startsWith(`${exercise.id}.`));
}

/** A suite file as the ladder and the guide name it: `katas/01-user/5.2-dal.test.ts` -> `5.2-dal`. */
export function suiteName(file: string): string {
  return basename(file).replace(/\.test\.ts$/, '');
}

/** The kata and exercise of a file, as outcome fields. */
export function locate(file: string): { kata?: string; exercise?: string } {
  const kata = kataOfFile(file);
  const exercise = kata && exerciseOfFile(kata, file);
  return { kata: kata?.id, exercise: exercise?.id };
}

function toPosix(file: string): string {
  return file.replaceAll('\\', '/');
}

type ErrorLike = { name?: string; message?: string; diff?: string } | undefined;

/** An error as a student should first read it: its own name when it has one, then its message. */
export function describeError(error: ErrorLike): string {
  return formatFailure(error);
}

/** Outcomes of an in-process run (vitest's reporter API). */
export function outcomesFromModules(testModules: ReadonlyArray<TestModule>): TestOutcome[] {
  const outcomes: TestOutcome[] = [];
  for (const module of testModules) {
    const file = toPosix(module.relativeModuleId);
    const where = locate(file);
    for (const test of module.children.allTests()) {
      const result = test.result();
      const status: TestStatus = result.state === 'passed' ? 'passed' : result.state === 'failed' ? 'failed' : 'skipped';
      const message = result.state === 'failed' ? describeError(result.errors?.[0]) : '';
      const reducedRuns = test.meta().propertyRuns;
      const durationMs = test.diagnostic?.()?.duration;
      outcomes.push({
        file,
        ...where,
        name: test.fullName,
        status,
        message,
        ...(reducedRuns === undefined ? {} : { reducedRuns }),
        ...(durationMs === undefined ? {} : { durationMs: Math.round(durationMs) }),
      });
    }
    const setupError = module.errors()[0];
    if (setupError) outcomes.push({ file, ...where, name: SETUP_FAILURE, status: 'failed', message: describeError(setupError), setup: true });
  }
  return outcomes;
}

/** vitest's JSON report (`--reporter=json`), the parts read here. */
export type JsonReport = {
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { fullName: string; status: string; failureMessages?: string[]; duration?: number | null }[];
  }[];
};

/** Outcomes of a child run, from its JSON report; `root` is the repository the run was made in. */
export function outcomesFromReport(report: JsonReport, root: string): TestOutcome[] {
  const outcomes: TestOutcome[] = [];
  for (const result of report.testResults) {
    const file = toPosix(relative(root, result.name));
    const where = locate(file);
    for (const assertion of result.assertionResults) {
      const status: TestStatus = assertion.status === 'passed' ? 'passed' : assertion.status === 'failed' ? 'failed' : 'skipped';
      const message = (assertion.failureMessages ?? []).join('\n');
      const durationMs = typeof assertion.duration === 'number' ? { durationMs: Math.round(assertion.duration) } : {};
      outcomes.push({ file, ...where, name: assertion.fullName, status, message, ...durationMs });
    }
    if (result.status === 'failed' && result.message) {
      outcomes.push({ file, ...where, name: SETUP_FAILURE, status: 'failed', message: result.message, setup: true });
    }
  }
  return outcomes;
}
