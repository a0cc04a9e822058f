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

/** End-to-end suites prove the pieces together: any mistake may fail them. */
const isEndToEnd = (file: string) => file.endsWith('.e2e.test.ts');
/** `5.2-dal.test.ts` -> '5.2'; an end-to-end file counts as 'e2e'. */
const groupOf = (file: string) => (isEndToEnd(file) ? 'e2e' : (/^([^-]+)-/.exec(file)?.[1] ?? file));

/** Failing tests per exercise ('e2e' for end-to-end files); a file that failed before its tests counts once. */
export function failuresByExercise(run: VitestRun): Map<string, { count: number; examples: string[] }> {
  const groups = new Map<string, { count: number; examples: string[] }>();
  const add = (file: string, example: string) => {
    const group = groups.get(groupOf(file)) ?? { count: 0, examples: [] };
    group.count++;
    group.examples.push(example);
    groups.set(groupOf(file), group);
  };
  for (const test of run.tests.filter((entry) => entry.status === 'failed')) add(test.file, `${test.file} > ${test.name}: ${firstLine(test.message)}`);
  for (const file of run.files.filter((entry) => entry.status === 'failed' && entry.message !== '')) {
    if (!run.tests.some((test) => test.file === file.file && test.status === 'failed')) add(file.file, `${file.file} (before its tests): ${firstLine(file.message)}`);
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
  const own = groups.get(mistake.caughtBy)?.count ?? 0;
  const elsewhere = [...groups].filter(([group]) => !allowed.has(group));
  const ok = own > 0 && elsewhere.length === 0;
  const got = [...groups]
    .sort(([a], [b]) => (a === 'e2e' ? 1 : b === 'e2e' ? -1 : a.localeCompare(b)))
    .map(([group, { count }]) => `${group} ✗${count}${allowed.has(group) ? '' : ' (!)'}`)
    .join(' · ');
  const details: string[] = [];
  if (run.files.length === 0) details.push('no test file ran:', ...run.output.trim().split('\n').slice(-10));
  else if (own === 0) details.push(`no test of exercise ${mistake.caughtBy} fails with this mistake: the suite has a gap`);
  for (const [group, { examples }] of elsewhere) {
    details.push(`exercise ${group} fails too, though the mistake is in ${mistake.caughtBy} (blame in the wrong place, or declare it in mayAlsoFail):`, ...examples.slice(0, 4).map((example) => `  ${example}`));
  }
  return { ok, got: got || 'nothing fails', details };
}
