/** What each verification mode expects of a kata's test run, as pure functions of the run. */
import type { VitestRun } from './run-vitest.ts';

export type Verdict = { ok: boolean; got: string; details: string[] };

const count = (run: VitestRun, status: string) => run.tests.filter((test) => test.status === status).length;

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 200) ?? '';
}

/** Every test passes, none is skipped, and there is at least one. */
export function allPass(run: VitestRun): Verdict {
  const passed = count(run, 'passed');
  const failedFiles = run.files.filter((file) => file.status === 'failed');
  const notPassing = run.tests.filter((test) => test.status !== 'passed');
  const ok = passed > 0 && notPassing.length === 0 && failedFiles.length === 0;
  return {
    ok,
    got: `${passed}/${run.tests.length} passed`,
    details: ok
      ? []
      : [
          ...(run.files.length === 0 ? ['no test file ran:', ...run.output.trim().split('\n').slice(-10)] : []),
          ...failedFiles.filter((file) => file.message).map((file) => `${file.file}: ${firstLine(file.message)}`),
          ...notPassing.map((test) => `${test.status}: ${test.file} > ${test.name}: ${firstLine(test.message)}`),
        ],
  };
}

/** No test passes and every file fails (a suite whose setup fails marks its tests skipped). */
export function allFail(run: VitestRun): Verdict {
  const passing = run.tests.filter((test) => test.status === 'passed');
  const greenFiles = run.files.filter((file) => file.status !== 'failed');
  const ok = run.files.length > 0 && passing.length === 0 && greenFiles.length === 0;
  return {
    ok,
    got: `${passing.length}/${run.tests.length} passed`,
    details: ok
      ? []
      : [
          ...(run.files.length === 0 ? ['no test file ran:', ...run.output.trim().split('\n').slice(-10)] : []),
          ...passing.map((test) => `passes on the stubs (a test that cannot fail?): ${test.file} > ${test.name}`),
        ],
  };
}

/** At least one test of the given exercise's suite files fails. */
export function caughtBy(run: VitestRun, exercise: string): Verdict {
  const inSuite = (file: string) => file.startsWith(`${exercise}-`);
  const failing = run.tests.filter((test) => inSuite(test.file) && test.status === 'failed');
  const failedFiles = run.files.filter((file) => inSuite(file.file) && file.status === 'failed');
  const ok = failing.length > 0 || failedFiles.some((file) => file.message !== '');
  const elsewhere = run.tests.filter((test) => !inSuite(test.file) && test.status === 'failed').length;
  return {
    ok,
    got: ok
      ? `caught by ${failing.length || failedFiles.length} in ${exercise}` + (elsewhere ? ` (+${elsewhere} elsewhere)` : '')
      : `not caught by ${exercise}` + (elsewhere ? ` (${elsewhere} failing elsewhere)` : ''),
    details: ok ? [] : [`no test of exercise ${exercise} fails with this mistake: the suite has a gap`],
  };
}
