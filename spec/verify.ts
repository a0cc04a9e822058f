/**
 * npm run verify: the curriculum's proof.
 *   - the harness's own suites pass, and the whole repo type-checks;
 *   - each reference solution exports the same API as its stub;
 *   - per kata: on the stubs every test fails (kata 00: every test passes), on the reference
 *     solution every test passes (in three machine time zones), and each catalogued mistake
 *     makes at least one test of the exercise it belongs to fail, and no test of another
 *     exercise (except those it declares in mayAlsoFail, and the end-to-end suites).
 * Ends with the plain line "N passed, N failed" counting these checks; exits 1 on any failure.
 *
 *   npm run verify [-- --kata 01-user] [--jobs 2] [--skip-harness] [--report results.json]
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
import { runVitest } from '../harness/results/run-vitest.ts';
import { TIME_ZONES } from '../harness/testing/time-zones.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

type Check = { group: string; name: string; expected: string; run: () => Promise<Verdict & { durationMs?: number }> };

const { values } = parseArgs({
  options: {
    kata: { type: 'string', multiple: true },
    // one more run than cores: much of a run is waiting (Kafka group joins, server starts)
    jobs: { type: 'string', default: String(Math.min(4, availableParallelism() + 1)) },
    'skip-harness': { type: 'boolean', default: false },
    /** also write the results as JSON (CI puts two servers' reports side by side: verifier/side-by-side.ts) */
    report: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log('usage: npm run verify [-- --kata <id> ...] [--jobs N] [--skip-harness] [--report <file.json>]');
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

const environment = await provisionEnvironment({ kafka: true });
console.log(environment.summary + '\n');
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

if (!values['skip-harness']) {
  // two runs, so that their waits (Kafka group joins, server starts) overlap on a small machine
  for (const project of ['harness', 'spec']) {
    checks.push({
      group: 'harness',
      name: `${project} suites`,
      expected: 'all pass',
      run: async () => {
        const run = await runVitest({ root, projects: [project], env: childEnv({}) });
        return { ...allPass(run), durationMs: run.durationMs };
      },
    });
  }
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
  checks.push({
    group: kata.id,
    name: 'stubs',
    expected: 'all fail',
    run: async () => {
      const run = await runVitest({ root, projects: [kata.id], env: childEnv({ KATA_VERIFY_MODE: 'stubs', TZ: 'UTC' }) });
      return { ...allFail(run), durationMs: run.durationMs };
    },
  });
  for (const zone of TIME_ZONES) {
    checks.push({
      group: kata.id,
      name: `reference, TZ=${zone}`,
      expected: 'all pass',
      run: async () => {
        const run = await runVitest({ root, projects: [kata.id], env: childEnv({ KATA_VERIFY_MODE: 'reference', TZ: zone }) });
        return { ...allPass(run), durationMs: run.durationMs };
      },
    });
  }
  const mistakesFolder = join(root, 'spec', 'mistakes', kata.id);
  const mistakes = existsSync(mistakesFolder) ? (await readdir(mistakesFolder)).sort() : [];
  for (const name of mistakes) {
    const mistake = (await import(join(mistakesFolder, name, 'mistake.ts'))).default as Mistake;
    checks.push({
      group: kata.id,
      name: `mistake ${name}`,
      expected: `caught by ${mistake.caughtBy}${mistake.mayAlsoFail?.length ? ` (may fail ${mistake.mayAlsoFail.join(', ')})` : ''}`,
      run: async () => {
        // every suite of the kata, so that a mistake failing another exercise's tests is seen; not
        // the end-to-end files, which any mistake may fail (their outcome cannot change the verdict,
        // and their Kafka round trips would double the time). A non-UTC zone, so that time-zone
        // mistakes cannot hide behind a UTC machine.
        const suites = (await readdir(join(root, 'katas', kata.id))).filter((file) => file.endsWith('.test.ts') && !file.endsWith('.e2e.test.ts'));
        const run = await runVitest({
          root,
          projects: [kata.id],
          filters: suites.map((file) => `katas/${kata.id}/${file}`),
          env: childEnv({ KATA_VERIFY_MODE: `mistake:${kata.id}/${name}`, TZ: 'America/Los_Angeles' }),
        });
        return { ...mistakeVerdict(run, mistake), durationMs: run.durationMs };
      },
    });
  }
}

const results: (Verdict & { durationMs?: number })[] = new Array(checks.length);
let next = 0;
const started = performance.now();
async function runCheck(check: Check): Promise<Verdict & { durationMs?: number }> {
  try {
    return await check.run();
  } catch (error) {
    return { ok: false, got: 'crashed', details: [String(error instanceof Error ? error.stack : error)] };
  }
}
async function worker(): Promise<void> {
  while (next < checks.length) {
    const index = next++;
    const crashesBefore = environment.mysqlCrashes();
    let result = await runCheck(checks[index]!);
    // the local MariaDB died under this check (and was started again: harness/servers/local-mysql.ts):
    // its failures say nothing about the curriculum, so it runs once more, and the table says so
    if (!result.ok && environment.mysqlCrashes() > crashesBefore) {
      const again = await runCheck(checks[index]!);
      result = { ...again, got: `${again.got} (run again: the server crashed during the first run)` };
    }
    results[index] = result;
  }
}
try {
  await Promise.all(Array.from({ length: jobs }, worker));
} finally {
  await environment.stop();
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
    server: `${environment.dialect === 'mariadb' ? 'MariaDB' : 'MySQL'} ${environment.serverVersion.replace(/-.*$/, '')}`,
    passed,
    failed,
    checks: checks.map((check, index) => ({ group: check.group, name: check.name, expected: check.expected, got: results[index]!.got, ok: results[index]!.ok })),
  };
  writeFileSync(values.report, JSON.stringify(report, null, 2) + '\n');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
