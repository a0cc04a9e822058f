/**
 * npm run verify: the curriculum's proof.
 *   - the harness's own suites pass, and the whole repo type-checks;
 *   - each reference solution exports the same API as its stub;
 *   - per kata: on the stubs every test fails (kata 00: every test passes), on the reference
 *     solution every test passes (in three machine time zones), and each catalogued mistake
 *     makes at least one test of the exercise it belongs to fail, and no test of another
 *     exercise (except those it declares in mayAlsoFail, and the end-to-end suites);
 *   - per exercise: its tests fail with only its own code stubbed, the earlier exercises' tests
 *     pass (verifier/exercise-rows.ts).
 * Ends with the plain line "N passed, N failed" counting these checks; exits 1 on any failure.
 *
 *   npm run verify [-- --kata 01-user] [--jobs 2] [--skip-harness] [--report results.json]
 *                  [--server mariadb-10.11|mariadb-11.8|mysql-9.7] [--zones UTC,Asia/Kolkata]
 *
 * --server proves the course on one named server (verifier/server-choice.ts; .ci/run proves all
 * three); --zones runs the reference in these zones only (.ci/run splits them across servers).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, styleText } from 'node:util';
import { curriculum } from '../curriculum.ts';
import { startServers as provisionEnvironment } from '../harness/servers/start.ts';
import type { Mistake } from './mistake.ts';
import { checkApis, typecheck } from './verifier/api-check.ts';
import { lintWorkflows } from './verifier/lint-workflows.ts';
import type { VerifyReport } from './verifier/side-by-side.ts';
import { allFail, allPass, mistakeVerdict, type Verdict } from './verifier/expectations.ts';
import { runVitest, type VitestRun } from '../harness/results/run-vitest.ts';
import { runBatch, warmModuleCache, type BatchRun } from './verifier/batch.ts';
import { suitesReaching } from './verifier/dependents.ts';
import { exerciseStubRows } from './verifier/exercise-rows.ts';
import { withinSeconds } from './verifier/time-to-verdict.ts';
import { TIME_ZONES } from '../harness/testing/time-zones.ts';
import { checkVersion, chooseServer, type ServerChoice } from './verifier/server-choice.ts';
import { missingFeatures } from './verifier/server-features.ts';
import { touchesSqlServer } from './verifier/sql-free.ts';
import { FULL_RUNS as FULL_PROPERTY_RUNS, WHILE_RED_RUNS } from '../harness/results/property-counts.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A line of the table; `run` is absent for the checks a batch runs (verifier/batch.ts). */
type Check = { group: string; name: string; expected: string; run?: () => Promise<Verdict & { durationMs?: number }> };

const { values } = parseArgs({
  options: {
    kata: { type: 'string', multiple: true },
    // one more run than cores: much of a run is waiting (Kafka group joins, server starts)
    jobs: { type: 'string', default: String(Math.min(4, availableParallelism() + 1)) },
    'skip-harness': { type: 'boolean', default: false },
    /**
     * leave out the proofs that do not depend on the SQL server's dialect and cost the most: the
     * service's end-to-end suites (Kafka, restarts, faults), the template's whole run and npm
     * start's walk. .ci/run runs them on one server and everything else on every server.
     */
    'without-service-proofs': { type: 'boolean', default: false },
    /**
     * only the checks whose verdict can differ from one SQL server to another: leaves out the
     * service proofs (as above), the static checks (tsc, actionlint, the solutions' APIs) and the
     * test files that cannot reach the server (verifier/sql-free.ts). .ci/run proves those once,
     * on its first server, and runs this on the others.
     */
    'sql-checks-only': { type: 'boolean', default: false },
    /** also write the results as JSON (CI puts two servers' reports side by side: verifier/side-by-side.ts) */
    report: { type: 'string' },
    server: { type: 'string' },
    zones: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('usage: npm run verify [-- --kata <id> ...] [--jobs N] [--skip-harness | --without-service-proofs | --sql-checks-only] [--report <file.json>] [--server <name>] [--zones <tz>,<tz>]');
  process.exit(0);
}

const known = curriculum.map((kata) => kata.id as string);
const selected = values.kata ?? known;
const unknown = selected.filter((id) => !known.includes(id));
if (unknown.length > 0) {
  console.error(`Unknown kata ${unknown.join(', ')}. Valid: ${known.join(', ')}`);
  process.exit(2);
}
const jobs = Number(values.jobs);
if (!Number.isInteger(jobs) || jobs < 1) {
  console.error(`--jobs takes a whole number >= 1 (got ${values.jobs})`);
  process.exit(2);
}

const zones = values.zones ? values.zones.split(',') : [...TIME_ZONES];
const unknownZones = zones.filter((zone) => !(TIME_ZONES as readonly string[]).includes(zone));
if (zones.length === 0 || unknownZones.length > 0) {
  console.error(`Unknown time zone ${unknownZones.join(', ')}. Valid: ${TIME_ZONES.join(', ')}`);
  process.exit(2);
}

/**
 * Ends a run that could not start its checks (no server, the wrong one): the reason, a report
 * that says it (CI's table shows the reason, not a missing column), one failure.
 */
function cannotStart(reason: string): never {
  console.error(reason);
  if (values.report) {
    const report: VerifyReport = {
      server: values.server ?? 'the test server',
      passed: 0,
      failed: 1,
      checks: [{ group: 'verify', name: 'test environment', expected: 'starts', got: `could not start: ${reason.split('\n')[0]}`, ok: false }],
    };
    writeFileSync(values.report, JSON.stringify(report, null, 2) + '\n');
  }
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const describeError = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

// --server: a named server, started (or chosen) before the usual provisioning finds it
let chosen: ServerChoice | undefined;
try {
  chosen = values.server ? await chooseServer(values.server) : undefined;
} catch (error) {
  cannotStart(error instanceof Error ? error.message : String(error));
}
let environment: Awaited<ReturnType<typeof provisionEnvironment>>;
try {
  environment = await provisionEnvironment({ kafka: true });
} catch (error) {
  await chosen?.stop().catch(() => undefined);
  cannotStart(`the test environment did not start: ${describeError(error)}`);
}
console.log(environment.summary + '\n');
const wrongServer = chosen && checkVersion(chosen.name, environment.serverVersion);
if (wrongServer) {
  await environment.stop();
  await chosen!.stop();
  cannotStart(wrongServer);
}
// the features this server lacks, asked of the server: the only skips a check excuses
const missing = await missingFeatures(environment.mysqlUrl);
const childEnv = (extra: Record<string, string>): NodeJS.ProcessEnv => {
  // the caller's KATA_VERIFY_MODE never leaks into a child: each check sets its own
  const { KATA_VERIFY_MODE: _inherited, ...inherited } = process.env;
  return {
    ...inherited,
    KATA_MYSQL_URL: environment.mysqlUrl,
    KATA_KAFKA_BROKERS: environment.kafkaBrokers!.join(','),
    KATA_PROVIDER: 'env',
    FORCE_COLOR: '0',
    ...extra,
  };
};

const checks: Check[] = [];

const sqlChecksOnly = values['sql-checks-only'];
if (!values['skip-harness']) {
  // several runs, so that their waits (Kafka group joins, server starts) overlap on a small
  // machine, a long file never holds the others back, and a server crash reruns only its part
  const testFiles = async (folder: string): Promise<string[]> =>
    (await readdir(join(root, folder), { recursive: true })).filter((file) => file.endsWith('.test.ts') && !file.includes('fixtures')).map((file) => `${folder}/${file.replaceAll('\\', '/')}`).sort();
  const sqlOnly = (files: string[]) => (sqlChecksOnly ? files.filter((file) => touchesSqlServer(root, file)) : files);
  const harnessFiles = sqlOnly(await testFiles('harness'));
  // the service's proofs (end-to-end files, the playground): mostly waiting for Kafka and restarts
  const isServiceProof = (file: string) => file.endsWith('.e2e.test.ts') || file === 'harness/dev/playground.test.ts';
  const specFiles = sqlOnly(await testFiles('spec'));
  const isEndToEnd = (file: string) => file.endsWith('.e2e.test.ts');
  const parts: [string, string, string[]][] = [
    ['harness suites', 'harness', harnessFiles.filter((file) => !isServiceProof(file))],
    ['harness end-to-end suites', 'harness', harnessFiles.filter(isServiceProof)],
    // the spec's end-to-end files each on their own (the longest runs); the others in one run,
    // which saves a vitest start (~2 s of CPU, far more under load) per file
    ...specFiles.filter(isEndToEnd).map((file): [string, string, string[]] => [`spec: ${file.slice('spec/'.length, -'.test.ts'.length)}`, 'spec', [file]]),
    ['spec suites', 'spec', specFiles.filter((file) => !isEndToEnd(file))],
  ];
  // the longest first (measured: the template's whole run, then npm start's walk through the course)
  const longest = ['spec: export-template.e2e', 'spec: start.e2e', 'harness end-to-end suites', 'harness suites'];
  const rank = (name: string) => (longest.includes(name) ? longest.indexOf(name) : longest.length);
  parts.sort(([a], [b]) => rank(a) - rank(b));
  const serviceProofs = ['spec: export-template.e2e', 'spec: start.e2e', 'harness end-to-end suites'];
  for (const [name, project, files] of parts) {
    if ((values['without-service-proofs'] || sqlChecksOnly) && serviceProofs.includes(name)) continue;
    if (files.length === 0) continue;
    checks.push({
      group: 'harness',
      // a different row in the side-by-side table: it holds fewer files than the first server's
      name: sqlChecksOnly && (name === 'harness suites' || name === 'spec suites') ? `${name} reaching the server` : name,
      expected: 'all pass',
      run: async () => {
        const run = await runVitest({ root, projects: [project], filters: files, env: childEnv({}) });
        return { ...allPass(run, missing), durationMs: run.durationMs };
      },
    });
  }
}
if (!values['skip-harness'] && !sqlChecksOnly) {
  checks.push({
    group: 'harness',
    name: 'typecheck (tsc, strict)',
    expected: 'clean',
    run: () => typecheck(root),
  });
  checks.push({
    group: 'harness',
    name: 'workflows lint (actionlint)',
    expected: 'clean',
    run: () => lintWorkflows(root),
  });
  checks.push({
    group: 'harness',
    name: 'solutions mirror stubs',
    expected: 'same API',
    run: () => checkApis(root, known),
  });
}

/**
 * A kata's runs (stubs, reference in each zone, every catalogued mistake) go to vitest in
 * batches, many runs to a process (verifier/batch.ts): ~130 vitest processes would spend more
 * CPU starting than testing. Each run is still its own project, with its own redirection,
 * worker and environment, and still its own line in the table.
 */
const BATCH_SIZE = 8;
/** The suites a mistake in spec/solutions/<kata>/<file> can change (all of them if the graph finds none: the verdict then says "gap"). */
const affected = (suites: string[], kata: string, file: string) => {
  const reaching = suitesReaching(root, suites, kata, file);
  return reaching.length > 0 ? reaching : suites;
};
type BatchedCheck = { check: number; run: BatchRun; verdict: (run: VitestRun) => Verdict };
/**
 * With --sql-checks-only (the servers after .ci/run's first, which ran every mistake at the full
 * 25 cases a property), a mistake's run first tries 5 cases a property, as the learner's loop and
 * npm run mutate do: most mistakes fail on the first cases. A run whose verdict is not "caught by
 * its own exercise, and by no other" runs again at the full count, and that run decides.
 */
const FIRST_PASS_RUNS = WHILE_RED_RUNS;
const batched: BatchedCheck[][] = [];

for (const kata of curriculum.filter((entry) => selected.includes(entry.id))) {
  if (kata.startsGreen) {
    checks.push({
      group: kata.id,
      name: 'as shipped',
      expected: 'all pass',
      run: async () => {
        const run = await runVitest({ root, projects: [kata.id], env: childEnv({ TZ: 'UTC' }) });
        return { ...allPass(run), durationMs: run.durationMs };
      },
    });
    continue;
  }
  const suites = (await readdir(join(root, 'katas', kata.id))).filter((file) => file.endsWith('.test.ts')).sort().map((file) => `katas/${kata.id}/${file}`);
  // the end-to-end files are left out of mistake runs: any mistake may fail them (their outcome
  // cannot change the verdict), and their Kafka round trips would double the time
  const withoutEndToEnd = suites.filter((file) => !file.endsWith('.e2e.test.ts'));
  const runs: BatchedCheck[] = [];
  const add = (check: Omit<Check, 'run'>, run: BatchRun, verdict: (run: VitestRun) => Verdict) => {
    checks.push(check);
    runs.push({ check: checks.length - 1, run, verdict });
  };
  add({ group: kata.id, name: 'stubs', expected: 'all fail' }, { name: `${kata.id} stubs`, mode: 'stubs', include: suites, env: { TZ: 'UTC' } }, allFail);
  // the end-to-end suite once, in the first zone (UTC by default): it runs the same handlers and
  // DAL that the other suites already prove in every zone, and each of its runs waits ~3 s for
  // Kafka's group join
  for (const zone of zones) {
    const first = zone === zones[0];
    add(
      { group: kata.id, name: `reference, TZ=${zone}${first ? '' : ' (no e2e)'}`, expected: 'all pass' },
      { name: `${kata.id} reference ${zone}`, mode: 'reference', include: first ? suites : withoutEndToEnd, env: { TZ: zone } },
      allPass,
    );
  }
  const mistakesFolder = join(root, 'spec', 'mistakes', kata.id);
  const mistakes = existsSync(mistakesFolder) ? (await readdir(mistakesFolder)).sort() : [];
  for (const name of mistakes) {
    const mistake = (await import(join(mistakesFolder, name, 'mistake.ts'))).default as Mistake;
    add(
      {
        group: kata.id,
        name: `mistake ${name}`,
        expected: `caught by ${mistake.caughtBy}${mistake.mayAlsoFail?.length ? ` (may fail ${mistake.mayAlsoFail.join(', ')})` : ''}`,
      },
      // every suite of the kata that loads the file the mistake edits (verifier/dependents.ts; the
      // others run the reference's code, proven green), so that a mistake failing another
      // exercise's tests is seen; a non-UTC zone, so that time-zone mistakes cannot hide behind a
      // UTC machine; no shrinking of counterexamples (only pass or fail counts here)
      {
        name: `mistake:${kata.id}/${name}`,
        mode: `mistake:${kata.id}/${name}`,
        include: affected(withoutEndToEnd, kata.id, mistake.file),
        env: { TZ: 'America/Los_Angeles', KATA_PROPERTY_SHRINK: 'off', ...(sqlChecksOnly ? { KATA_PROPERTY_RUNS: String(FIRST_PASS_RUNS) } : {}) },
      },
      (run) => withinSeconds(mistakeVerdict(run, mistake), run),
    );
  }
  // each exercise red with only its own code stubbed, the earlier ones solved (verifier/exercise-rows.ts);
  // a stub throws NotStarted on every server alike: with --sql-checks-only, the first server's rows stand
  if (!sqlChecksOnly) for (const row of exerciseStubRows(root, kata, withoutEndToEnd)) add({ group: kata.id, name: row.name, expected: row.expected }, row.run, row.verdict);
  for (let i = 0; i < runs.length; i += BATCH_SIZE) batched.push(runs.slice(i, i + BATCH_SIZE));
}

type Result = Verdict & { durationMs?: number };
const results: Result[] = new Array(checks.length);
const started = performance.now();

/** What the workers take in turn: one check, or a batch of a kata's runs. */
type Unit = { checks: number[]; run: () => Promise<Result[]> };
async function runCheck(run: () => Promise<Result>): Promise<Result> {
  try {
    return await run();
  } catch (error) {
    return { ok: false, got: 'crashed', details: [String(error instanceof Error ? error.stack : error)] };
  }
}
async function runBatched(entries: BatchedCheck[]): Promise<Result[]> {
  try {
    const runs = await runBatch({ root, runs: entries.map((entry) => entry.run), env: childEnv({ TZ: 'UTC' }), maxWorkers: 2 });
    const firstPass = entries.map((entry) => {
      const run = runs.get(entry.run.name)!;
      return { ...entry.verdict(run), durationMs: run.durationMs };
    });
    const again = entries.filter((entry, index) => !firstPass[index]!.ok && entry.run.env?.KATA_PROPERTY_RUNS !== undefined);
    if (again.length === 0) return firstPass;
    const fullRuns = again.map(({ run }) => {
      const { KATA_PROPERTY_RUNS: _firstPass, ...env } = run.env ?? {};
      return { ...run, env };
    });
    const reruns = await runBatch({ root, runs: fullRuns, env: childEnv({ TZ: 'UTC' }), maxWorkers: 2 });
    return entries.map((entry, index) => {
      if (!again.includes(entry)) return firstPass[index]!;
      const run = reruns.get(entry.run.name)!;
      const verdict = entry.verdict(run);
      return { ...verdict, got: `${verdict.got} (at ${FULL_PROPERTY_RUNS} cases a property, after ${FIRST_PASS_RUNS} did not decide)`, durationMs: run.durationMs };
    });
  } catch (error) {
    return entries.map(() => ({ ok: false, got: 'crashed', details: [String(error instanceof Error ? error.stack : error)] }));
  }
}
const single = checks.flatMap(({ run }, index) => (run ? [{ checks: [index], run: async () => [await runCheck(run)] }] : []));
const isSuites = (unit: Unit) => checks[unit.checks[0]!]!.expected === 'all pass' && checks[unit.checks[0]!]!.group === 'harness';
// the batches' modules, transformed once, beside the suites (their Kafka waits leave CPU to spare)
const warmRuns: BatchRun[] = batched.flat().filter((entry) => entry.run.mode === 'stubs' || (entry.run.mode === 'reference' && entry.run.env?.TZ === zones[0])).map((entry) => entry.run);
const warmUp: Unit = { checks: [], run: async () => (await warmModuleCache({ root, runs: warmRuns, env: childEnv({ TZ: 'UTC' }) }), []) };
// then longest first, so that no long unit starts last: the harness's and spec's suites, the batches, the rest
const units: Unit[] = [
  ...(warmRuns.length > 0 ? [warmUp] : []),
  ...single.filter(isSuites),
  ...batched.map((entries) => ({ checks: entries.map((entry) => entry.check), run: () => runBatched(entries) })),
  ...single.filter((unit) => !isSuites(unit)),
];
let next = 0;
async function worker(): Promise<void> {
  while (next < units.length) {
    const unit = units[next++]!;
    const unitStarted = performance.now();
    const crashesBefore = environment.mysqlCrashes();
    let unitResults = await unit.run();
    // the local MariaDB died under this unit (and was started again: harness/servers/local-mysql.ts):
    // its failures say nothing about the curriculum, so it runs once more, and the table says so
    if (unitResults.some((result) => !result.ok) && environment.mysqlCrashes() > crashesBefore) {
      unitResults = (await unit.run()).map((again) => ({ ...again, got: `${again.got} (run again: the server crashed during the first run)` }));
    }
    unit.checks.forEach((check, position) => (results[check] = unitResults[position]!));
    const first = unit.checks.length > 0 ? checks[unit.checks[0]!]! : { group: 'verify', name: 'module cache warm-up' };
    if (process.env.KATA_VERIFY_TIMELINE) process.stderr.write(`[timeline] ${((unitStarted - started) / 1000).toFixed(0)}-${((performance.now() - started) / 1000).toFixed(0)} s ${first.group} ${first.name}${unit.checks.length > 1 ? ` +${unit.checks.length - 1}` : ''}\n`);
  }
}
try {
  await Promise.all(Array.from({ length: jobs }, worker));
} finally {
  await environment.stop();
  await chosen?.stop();
}

let passed = 0;
let failed = 0;
const width = Math.max(...checks.map((check) => check.name.length)) + 2;
const expectedWidth = Math.max(...checks.map((check) => check.expected.length)) + 2;
for (const group of [...new Set(checks.map((check) => check.group))]) {
  console.log(styleText('bold', group));
  console.log(`    ${'mode'.padEnd(width)}${'expected'.padEnd(expectedWidth)}got`);
  checks.forEach((check, index) => {
    if (check.group !== group) return;
    const result = results[index]!;
    if (result.ok) passed++;
    else failed++;
    const mark = result.ok ? styleText('green', '✓') : styleText('red', '✗');
    const time = result.durationMs === undefined ? '' : styleText('dim', `  (${(result.durationMs / 1000).toFixed(1)} s)`);
    console.log(`  ${mark} ${check.name.padEnd(width)}${check.expected.padEnd(expectedWidth)}${result.got}${time}`);
    for (const line of result.details.slice(0, 15)) console.log(styleText('dim', `        ${line}`));
  });
  console.log('');
}
if (environment.mysqlCrashes() > 0) console.log(styleText('yellow', `the local MySQL server crashed ${environment.mysqlCrashes()} time(s) during this run and was started again`));
console.log(styleText('dim', `verified in ${((performance.now() - started) / 1000).toFixed(1)} s with ${jobs} parallel runs`));
if (values.report) {
  const report: VerifyReport = {
    server: `${environment.dialect === 'mariadb' ? 'MariaDB' : 'MySQL'} ${environment.serverVersion.replace(/-.*$/, '')}${values.zones ? ` (${zones.join(', ')})` : ''}`,
    passed,
    failed,
    checks: checks.map((check, index) => ({ group: check.group, name: check.name, expected: check.expected, got: results[index]!.got, ok: results[index]!.ok })),
  };
  writeFileSync(values.report, JSON.stringify(report, null, 2) + '\n');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
