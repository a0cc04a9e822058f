/**
 * npm run mutate: proves the suites against machine-made wrong solutions. Each mutant is the
 * reference solution with one small change (SQL: spec/mutation/sql-mutants.ts; TypeScript:
 * Stryker's mutators, spec/mutation/ts-mutants.ts), run like one of verify's mistakes: through
 * the verifier's redirection (KATA_VERIFY_MODE=mutant:...), in its batches (eight runs to a
 * vitest process), only the suites that load the mutated file, no shrinking, a non-UTC zone.
 * Its own exercise's suites run first, with 5 property runs a test; a survivor then runs again
 * with every suite that loads its file and the suites' own number of property runs.
 * A mutant is killed (a test failed), timed out, survived, or equivalent (listed with its reason
 * in spec/mutants/<kata>.md). Every survivor fails the run.
 *
 *   npm run mutate [-- --kata 02-supplier] [--sample 40 --seed 7] [--mutant <kata>/<id>] [--jobs 2] [--property-runs 5] [--list] [--report out.json]
 *
 * Ends with the plain line "N mutants: N killed, N timed out, N survived, N equivalent".
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, styleText } from 'node:util';
import { curriculum } from '../curriculum.ts';
import { locate } from '../harness/results/outcomes.ts';
import type { VitestRun } from '../harness/results/run-vitest.ts';
import { startServers } from '../harness/servers/start.ts';
import { readEquivalents } from './mutation/equivalents.ts';
import { sample } from './mutation/sample.ts';
import { kataMutants, type Mutant } from './mutation/mutants.ts';
import { runBatch, type BatchRun } from './verifier/batch.ts';
import { suitesReaching } from './verifier/dependents.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

const { values } = parseArgs({
  options: {
    kata: { type: 'string', multiple: true },
    sample: { type: 'string' },
    seed: { type: 'string' },
    jobs: { type: 'string', default: '2' },
    batch: { type: 'string', default: '8' },
    /** property runs of a mutant's first run (a survivor is then run again with the suites' own number) */
    'property-runs': { type: 'string', default: '5' },
    list: { type: 'boolean', default: false },
    /** only these mutants (ids as the report prints them: <kata>/<id>, or <id> with one --kata) */
    mutant: { type: 'string', multiple: true },
    report: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log('usage: npm run mutate [-- --kata <id> ...] [--sample N [--seed S]] [--mutant <kata>/<id> ...] [--jobs N] [--batch N] [--list] [--report <file.json>]');
  process.exit(0);
}
const katas = curriculum.filter((kata) => !kata.startsGreen);
const known = katas.map((kata) => kata.id as string);
const selected = values.kata ?? known;
const unknown = selected.filter((id) => !known.includes(id));
const whole = (name: string, value: string | undefined, fallback?: number) => {
  const number = value === undefined ? fallback : Number(value);
  if (number === undefined || !Number.isInteger(number) || number < 0) {
    console.error(`--${name} takes a whole number (got ${value})`);
    process.exit(2);
  }
  return number;
};
if (unknown.length > 0) {
  console.error(`Unknown kata ${unknown.join(', ')}. Valid: ${known.join(', ')}`);
  process.exit(2);
}
const jobs = Math.max(1, whole('jobs', values.jobs));
const batchSize = Math.max(1, whole('batch', values.batch));
const firstRuns = Math.max(1, whole('property-runs', values['property-runs']));

// --- the mutants ---
type Planned = Mutant & { suites: string[]; exercise: string; equivalent?: string };
const all: Planned[] = [];
const equivalents = new Map(selected.map((kata) => [kata, readEquivalents(root, kata)]));
const suitesOf = new Map<string, string[]>();
for (const kata of selected) {
  const suites = (await readdir(join(root, 'katas', kata))).filter((file) => file.endsWith('.test.ts') && !file.endsWith('.e2e.test.ts')).sort().map((file) => `katas/${kata}/${file}`);
  suitesOf.set(kata, suites);
  const reaching = new Map<string, string[]>();
  for (const mutant of await kataMutants(root, kata)) {
    if (!reaching.has(mutant.file)) reaching.set(mutant.file, suitesReaching(root, suites, kata, mutant.file));
    const suitesForFile = reaching.get(mutant.file)!;
    // a mutant belongs to the first exercise whose suites load its file (tables.ts: 5.1, even though 5.2 runs on the table)
    const exercise = suitesForFile.map((suite) => locate(suite).exercise ?? '?').sort()[0] ?? '?';
    all.push({ ...mutant, suites: suitesForFile, exercise, equivalent: equivalents.get(kata)!.get(mutant.id) });
  }
}
const sampleSize = values.sample === undefined ? undefined : whole('sample', values.sample);
const seed = whole('seed', values.seed, Math.floor(Math.random() * 1_000_000));
const named = values.mutant ? all.filter((mutant) => values.mutant!.some((id) => id === mutant.id || id === `${mutant.kata}/${mutant.id}`)) : all;
const chosen = sampleSize === undefined ? named : sample(named, sampleSize, seed);

if (values.list) {
  for (const mutant of chosen) console.log(`${mutant.kata}  ${mutant.id.padEnd(50)} ${mutant.exercise.padEnd(4)} ${mutant.description}${mutant.equivalent ? '  (equivalent)' : ''}`);
  console.log(`${chosen.length} mutants`);
  process.exit(0);
}
if (sampleSize !== undefined) console.log(`sample: ${chosen.length} of ${named.length} mutants, seed ${seed} (again: npm run mutate -- --sample ${sampleSize} --seed ${seed}${values.kata ? values.kata.map((kata) => ` --kata ${kata}`).join('') : ''}${values.mutant ? values.mutant.map((id) => ` --mutant ${id}`).join('') : ''})`);
else console.log(`${all.length} mutants in ${selected.join(', ')}`);

// --- the runs ---
const environment = await startServers({ kafka: false });
console.log(environment.summary + '\n');
const { KATA_VERIFY_MODE: _inherited, ...inherited } = process.env;
const env: NodeJS.ProcessEnv = { ...inherited, KATA_MYSQL_URL: environment.mysqlUrl, KATA_PROVIDER: 'env', KATA_KAFKA: 'never', FORCE_COLOR: '0', TZ: 'UTC' };
// as in verify's mistake runs: a zone with an offset (a time-zone mutant cannot hide behind UTC), no shrinking
const runEnv = { TZ: 'America/Los_Angeles', KATA_PROPERTY_SHRINK: 'off' };
// a first run with fewer property runs: a killed mutant is killed (most fail at once, but every
// other test of the suite still runs all its property runs), and a survivor is run again in full
const quickEnv = { ...runEnv, KATA_PROPERTY_RUNS: String(firstRuns) };
const folder = mkdtempSync(join(tmpdir(), 'kata-mutants-'));
const started = performance.now();

type Verdict = 'killed' | 'timed out' | 'survived' | 'equivalent' | 'no result';
type Result = { mutant: Planned; verdict: Verdict; failedIn: string[]; detail?: string; durationMs?: number };
const results: Result[] = [];
let reported = 0;

async function runAll(runs: { run: BatchRun; done: (run: VitestRun) => void }[], label: string): Promise<void> {
  const batches: (typeof runs)[] = [];
  for (let i = 0; i < runs.length; i += batchSize) batches.push(runs.slice(i, i + batchSize));
  let next = 0;
  let finished = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const batchStarted = performance.now();
      const crashes = environment.mysqlCrashes();
      let outcome = await runBatch({ root, runs: batch.map((entry) => entry.run), env, maxWorkers: 2 });
      // the local MariaDB died under this batch (and was started again): its failures say nothing
      if ([...outcome.values()].some((run) => !run.reported) || environment.mysqlCrashes() > crashes) outcome = await runBatch({ root, runs: batch.map((entry) => entry.run), env, maxWorkers: 2 });
      for (const entry of batch) entry.done(outcome.get(entry.run.name)!);
      for (const result of results.slice(reported)) if (result.verdict === 'survived') process.stderr.write(`[${label}] survived: ${result.mutant.kata}/${result.mutant.id}: ${result.mutant.description}\n`);
      reported = results.length;
      finished += batch.length;
      process.stderr.write(`[${label}] ${finished}/${runs.length} (${((performance.now() - batchStarted) / 1000).toFixed(0)} s for ${batch.length}, ${((performance.now() - started) / 1000).toFixed(0)} s in all)\n`);
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
}

const failedTests = (run: VitestRun) => run.outcomes.filter((outcome) => outcome.status === 'failed');
try {
  // first the reference itself, in the mutants' zone: a red reference would make every mutant "killed"
  const referenceRed: string[] = [];
  await runAll(
    [...new Set(chosen.map((mutant) => mutant.kata))].map((kata) => ({
      run: { name: `reference ${kata}`, mode: 'reference', include: suitesOf.get(kata)!, env: runEnv },
      done: (run) => {
        if (!run.reported || failedTests(run).length > 0 || run.outcomes.length === 0) referenceRed.push(`${kata}: ${run.reported ? failedTests(run).map((test) => `${test.name}: ${test.message.split('\n')[0]}`).join('; ') || 'no tests ran' : run.output.slice(-2000)}`);
      },
    })),
    'reference',
  );
  if (referenceRed.length > 0) {
    console.error(`The reference is not green, so mutants prove nothing (npm run verify -- --kata <id> says why):\n${referenceRed.join('\n')}`);
    process.exit(1);
  }
  // two stages: first only the suites of the mutant's own exercise (a DDL mutant: the DDL suite,
  // not the DAL suites that run on its table); a mutant they miss then meets every suite that loads its file
  const verdictOf = (mutant: Planned, run: VitestRun): Result => {
    const failed = failedTests(run);
    const failedIn = [...new Set(failed.map((test) => test.exercise ?? test.file))].sort();
    let verdict: Verdict;
    if (!run.reported) verdict = 'no result';
    else if (failed.length === 0) verdict = mutant.equivalent ? 'equivalent' : 'survived';
    else if (failed.every((test) => /timed? ?out/i.test(test.message))) verdict = 'timed out';
    else verdict = 'killed';
    return { mutant, verdict, failedIn, durationMs: run.durationMs, detail: run.reported ? failed[0]?.name : run.output.slice(-1500) };
  };
  const ownSuites = (mutant: Planned) => mutant.suites.filter((suite) => locate(suite).exercise === mutant.exercise);
  const runOf = (mutant: Planned, index: number, include: string[], stage: string, stageEnv: Record<string, string>): BatchRun => {
    const file = join(folder, `${index}.ts`);
    writeFileSync(file, mutant.source);
    return { name: `mutant ${mutant.kata}/${mutant.id}${stage}`, mode: `mutant:${mutant.kata}/${mutant.file}@${file}`, include, env: stageEnv };
  };
  const secondStage: { run: BatchRun; done: (run: VitestRun) => void }[] = [];
  const firstStage: { run: BatchRun; done: (run: VitestRun) => void }[] = [];
  chosen.forEach((mutant, index) => {
    if (mutant.suites.length === 0) {
      results.push({ mutant, verdict: mutant.equivalent ? 'equivalent' : 'survived', failedIn: [], detail: 'no suite loads this file' });
      return;
    }
    const own = ownSuites(mutant);
    firstStage.push({
      run: runOf(mutant, index, own, '', quickEnv),
      done: (run) => {
        const result = verdictOf(mutant, run);
        if (result.verdict === 'survived' || result.verdict === 'equivalent') {
          secondStage.push({ run: runOf(mutant, index, mutant.suites, ' (all its suites)', runEnv), done: (again) => results.push(verdictOf(mutant, again)) });
        } else results.push(result);
      },
    });
  });
  await runAll(firstStage, 'mutants');
  if (secondStage.length > 0) await runAll(secondStage, 'the survivors again, with every suite and every property run');
} finally {
  await environment.stop();
  rmSync(folder, { recursive: true, force: true });
}

// --- the report ---
const count = (list: readonly Result[], verdict: Verdict) => list.filter((result) => result.verdict === verdict).length;
const score = (list: readonly Result[]) => {
  const judged = list.length - count(list, 'equivalent');
  return judged === 0 ? '-' : `${((100 * (count(list, 'killed') + count(list, 'timed out'))) / judged).toFixed(1)}%`;
};
const problems: string[] = [];
for (const kata of selected) {
  const ofKata = results.filter((result) => result.mutant.kata === kata);
  if (ofKata.length === 0) continue;
  console.log(styleText('bold', kata));
  console.log(`    ${'exercise'.padEnd(10)}${'mutants'.padStart(8)}${'killed'.padStart(8)}${'timeout'.padStart(9)}${'survived'.padStart(10)}${'equiv.'.padStart(8)}${'score'.padStart(8)}`);
  const exercises = [...new Set(ofKata.map((result) => result.mutant.exercise))].sort();
  for (const exercise of [...exercises, 'all']) {
    const list = exercise === 'all' ? ofKata : ofKata.filter((result) => result.mutant.exercise === exercise);
    const line = `    ${exercise.padEnd(10)}${String(list.length).padStart(8)}${String(count(list, 'killed')).padStart(8)}${String(count(list, 'timed out')).padStart(9)}${String(count(list, 'survived')).padStart(10)}${String(count(list, 'equivalent')).padStart(8)}${score(list).padStart(8)}`;
    console.log(exercise === 'all' ? styleText('bold', line) : line);
  }
  const listed = equivalents.get(kata)!;
  for (const result of ofKata.sort((a, b) => a.mutant.id.localeCompare(b.mutant.id, 'en', { numeric: true }))) {
    const { mutant } = result;
    if (result.verdict === 'survived') problems.push(`${kata}  survived    ${mutant.id}: ${mutant.description}${result.detail ? ` (${result.detail})` : ''}`);
    if (result.verdict === 'no result') problems.push(`${kata}  no result   ${mutant.id}: ${mutant.description}\n${result.detail}`);
    if (mutant.equivalent && (result.verdict === 'killed' || result.verdict === 'timed out')) problems.push(`${kata}  not equivalent: ${mutant.id} is listed in spec/mutants/${kata}.md but a test kills it (${result.failedIn.join(', ')}): remove it from the list`);
  }
  // a listed id that no longer names a mutant: the reference changed under the list
  if (sampleSize === undefined) {
    const ids = new Set(all.filter((mutant) => mutant.kata === kata).map((mutant) => mutant.id));
    for (const id of listed.keys()) if (!ids.has(id)) problems.push(`${kata}  stale: spec/mutants/${kata}.md lists ${id}, which is no longer a mutant of the reference`);
  }
  console.log('');
}
for (const problem of problems) console.log(styleText('red', `✗ ${problem}`));
if (values.report) writeFileSync(values.report, JSON.stringify(results.map(({ mutant: { source: _source, ...mutant }, ...result }) => ({ ...result, mutant })), null, 2) + '\n');
const seconds = ((performance.now() - started) / 1000).toFixed(0);
console.log(styleText('dim', `mutated in ${seconds} s with ${jobs} parallel batches of up to ${batchSize}${sampleSize === undefined ? '' : `; sample seed ${seed}`}`));
console.log(
  `${results.length} mutants: ${count(results, 'killed')} killed, ${count(results, 'timed out')} timed out, ${count(results, 'survived')} survived, ${count(results, 'equivalent')} equivalent` +
    (count(results, 'no result') > 0 ? `, ${count(results, 'no result')} without a result` : ''),
);
process.exit(problems.length === 0 ? 0 : 1);
