/** What each verification mode expects of a kata's test run, as pure functions of the run. */
import type { VitestRun } from '../../harness/results/run-vitest.ts';
import type { TestOutcome } from '../../harness/results/outcomes.ts';

export type Verdict = { ok: boolean; got: string; details: string[] };

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 200) ?? '';
}

const describeOutcome = (outcome: TestOutcome) => `${outcome.status}: ${outcome.file} > ${outcome.name}: ${firstLine(outcome.message)}`;
const noRun = (run: VitestRun) => (run.files.length === 0 ? ['no test file ran:', ...run.output.trim().split('\n').slice(-10)] : []);

/** Every test passes, none is skipped, no file's setup failed, and there is at least one. */
export function allPass(run: VitestRun): Verdict {
  const tests = run.outcomes.filter((outcome) => !outcome.setup);
  const passed = tests.filter((outcome) => outcome.status === 'passed').length;
  const notPassing = run.outcomes.filter((outcome) => outcome.status !== 'passed');
  const ok = passed > 0 && notPassing.length === 0;
  return { ok, got: `${passed}/${tests.length} passed`, details: ok ? [] : [...noRun(run), ...notPassing.map(describeOutcome)] };
}

/** No test passes and every file fails (a suite whose setup fails marks its tests skipped). */
export function allFail(run: VitestRun): Verdict {
  const tests = run.outcomes.filter((outcome) => !outcome.setup);
  const passing = tests.filter((outcome) => outcome.status === 'passed');
  const greenFiles = run.files.filter((file) => !file.failed);
  const ok = run.files.length > 0 && passing.length === 0 && greenFiles.length === 0;
  return {
    ok,
    got: `${passing.length}/${tests.length} passed`,
    details: ok
      ? []
      : [
          ...noRun(run),
          ...passing.map((outcome) => `passes on the stubs (a test that cannot fail?): ${outcome.file} > ${outcome.name}`),
          ...greenFiles.filter((file) => !passing.some((outcome) => outcome.file === file.file)).map((file) => `no failing test: ${file.file}`),
        ],
  };
}

/** At least one test of the given exercise's suite files fails. */
export function caughtBy(run: VitestRun, exercise: string): Verdict {
  const failing = run.outcomes.filter((outcome) => outcome.status === 'failed');
  const inSuite = failing.filter((outcome) => outcome.exercise === exercise);
  const elsewhere = failing.length - inSuite.length;
  const ok = inSuite.length > 0;
  return {
    ok,
    got: ok
      ? `caught by ${inSuite.length} in ${exercise}` + (elsewhere ? ` (+${elsewhere} elsewhere)` : '')
      : `not caught by ${exercise}` + (elsewhere ? ` (${elsewhere} failing elsewhere)` : ''),
    details: ok ? [] : [...noRun(run), `no test of exercise ${exercise} fails with this mistake: the suite has a gap`],
  };
}
