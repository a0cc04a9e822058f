/** What each verification mode expects of a kata's test run, as pure functions of the run. */
import type { VitestRun } from '../../harness/results/run-vitest.ts';
import type { TestOutcome } from '../../harness/results/outcomes.ts';
import { excuseFor, type ServerFeature } from './server-features.ts';

export type Verdict = { ok: boolean; got: string; details: string[] };

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '')?.trim().slice(0, 200) ?? '';
}

const describeOutcome = (outcome: TestOutcome) => `${outcome.status}: ${outcome.file} > ${outcome.name}: ${firstLine(outcome.message)}`;
const noRun = (run: VitestRun) => (run.files.length === 0 ? ['no test file ran:', ...run.output.trim().split('\n').slice(-10)] : []);

/**
 * Every test passes, none is skipped, no file's setup failed, and there is at least one. The one
 * exception: a skip that `missing` (verifier/server-features.ts: declared, and confirmed by asking
 * the server) excuses; the table then says so.
 */
export function allPass(run: VitestRun, missing: readonly ServerFeature[] = []): Verdict {
  const tests = run.outcomes.filter((outcome) => !outcome.setup);
  const passed = tests.filter((outcome) => outcome.status === 'passed').length;
  const excused = tests.filter((outcome) => excuseFor(outcome, missing) !== undefined);
  const notPassing = run.outcomes.filter((outcome) => outcome.status !== 'passed' && !excused.includes(outcome));
  const ok = passed > 0 && notPassing.length === 0;
  const reasons = [...new Set(excused.map((outcome) => excuseFor(outcome, missing)!.feature))];
  const skipped = excused.length > 0 ? `, ${excused.length} skipped: this server has ${reasons.join(', ')}` : '';
  return { ok, got: `${passed}/${tests.length - excused.length} passed${skipped}`, details: ok ? [] : [...noRun(run), ...notPassing.map(describeOutcome)] };
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

/** End-to-end suites prove the pieces together: any mistake may fail them. */
const isEndToEnd = (file: string) => file.endsWith('.e2e.test.ts');
/** The exercise an outcome counts for ('e2e' for an end-to-end file). */
const groupOf = (outcome: TestOutcome) => (isEndToEnd(outcome.file) ? 'e2e' : (outcome.exercise ?? outcome.file));

/** Failing tests per exercise ('e2e' for end-to-end files); a file whose setup failed counts once. */
export function failuresByExercise(run: VitestRun): Map<string, TestOutcome[]> {
  const groups = new Map<string, TestOutcome[]>();
  for (const outcome of run.outcomes.filter((entry) => entry.status === 'failed')) {
    groups.set(groupOf(outcome), [...(groups.get(groupOf(outcome)) ?? []), outcome]);
  }
  return groups;
}

/**
 * A catalogued mistake, run against all of its kata's suites: at least one test of its own
 * exercise fails (outside the end-to-end suite), and no test fails elsewhere except in the
 * exercises it declares (mayAlsoFail) and the end-to-end suite.
 */
export function mistakeVerdict(run: VitestRun, mistake: { caughtBy: string; mayAlsoFail?: readonly string[] }): Verdict {
  const groups = failuresByExercise(run);
  const allowed = new Set([mistake.caughtBy, ...(mistake.mayAlsoFail ?? []), 'e2e']);
  const own = groups.get(mistake.caughtBy)?.length ?? 0;
  const elsewhere = [...groups].filter(([group]) => !allowed.has(group));
  const ok = own > 0 && elsewhere.length === 0;
  const got = [...groups]
    .sort(([a], [b]) => (a === 'e2e' ? 1 : b === 'e2e' ? -1 : a.localeCompare(b)))
    .map(([group, failing]) => `${group} ✗${failing.length}${allowed.has(group) ? '' : ' (!)'}`)
    .join(' · ');
  const details = [...noRun(run)];
  if (own === 0 && run.files.length > 0) details.push(`no test of exercise ${mistake.caughtBy} fails with this mistake: the suite has a gap`);
  for (const [group, failing] of elsewhere) {
    details.push(
      `exercise ${group} fails too, though the mistake is in ${mistake.caughtBy} (blame in the wrong place, or declare it in mayAlsoFail):`,
      ...failing.slice(0, 4).map((outcome) => `  ${describeOutcome(outcome)}`),
    );
  }
  return { ok, got: got || 'nothing fails', details };
}
