/**
 * npm run bench: the learner's loop, timed on every exercise of every kata, on the local path
 * (throwaway mariadbd + kcat's mock cluster), with the reference solutions redirected in
 * (KATA_VERIFY_MODE=reference, spec/redirect.ts) so that every suite runs to the end.
 * `--kata 07-order` (repeatable) narrows it; `--runs N` sets the warm samples (default 5), `--cold N`
 * the cold ones (default 3).
 * npm run bench -- throughput: the service's events/s against a single-row loop (bench-throughput.ts).
 *
 * Every figure is also printed as a ratio to a one-test vitest run measured in the same bench (the
 * yardstick: what any vitest run costs on this machine right now), and the budgets are checked on
 * those ratios, so that a busy machine does not hide or invent a regression. A budget in seconds
 * holds on the quiet 2-core machine whose yardsticks are QUIET below; its ratio is budget / yardstick.
 * The bench never fails a build: budgets are for humans to watch.
 *
 *   warm   a rerun inside one watch session (servers up, modules cached), as a save triggers
 *   cold   a fresh `vitest run` process, servers started: what a student's first run costs
 *   start  the part of a cold run spent outside its test files: vitest's start, the servers', the
 *          first imports, the teardown. A cold kata is budgeted on this part (under 2 s): its
 *          suites' own time is the warm rows' business, and no cold run beats the one-test one.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { curriculum, type Kata } from '../curriculum.ts';
import { coldRun, median, percentile, warmSession } from './bench-loop.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The yardsticks of this bench on the quiet 2-core machine (seconds; medians of the five katas'
 * yardsticks of a whole-course bench, 2026-12-03 04:37 UTC, nothing else running, load average
 * ~1.5 from the bench itself; the one-test run spends ~10 ms in its test file, so its cold start is
 * its cold run). Earlier calibrations: 2026-12-02 23:30 (another session's machine, load ~1) 0.44 s
 * warm and 1.81 s cold; 2026-12-01 0.53 s and 2.03 s. A budget in seconds holds on the machine
 * whose quiet yardsticks these are: on a slower one, the ratios judge as if it were this one.
 */
const QUIET = { warm: 0.31, cold: 1.07, start: 1.07 };

/** A one-test vitest run: what any vitest run costs, the yardstick for the ratios. */
const ONE_TEST = ['harness/learn/learn.test.ts', '-t', 'accepts 01-user'];
/** Its warm counterpart (as in the bench's first version, whose quiet figures are QUIET): the file rerun. */
const WARM_YARDSTICK = ['harness/learn/learn.test.ts'];

/**
 * A row's yardstick: `warm` a one-test rerun, `cold` a one-test `vitest run`, `start` the part of
 * that cold run spent outside its test file (vitest's start, the servers', the first imports).
 */
type Yardstick = 'warm' | 'cold' | 'start';
type Row = { measure: string; samples: number[]; yardstick: Yardstick; budget?: { median?: number; p90?: number } };
/** A kata's rows, with the yardsticks measured alongside them. */
type Section = { kata: string; yardsticks: Record<Yardstick, number>; rows: Row[]; failure?: string };

async function kataTimings(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { runs: { type: 'string', default: '5' }, cold: { type: 'string', default: '3' }, kata: { type: 'string', multiple: true } } });
  const warmRuns = Number(values.runs);
  const coldRuns = Number(values.cold);
  const katas = curriculum.filter((kata) => kata.exercises.some((exercise) => /^\d/.test(exercise.id)) && (!values.kata || values.kata.some((id) => kata.id.startsWith(id))));
  if (katas.length === 0) throw new Error(`--kata ${values.kata?.join(', ')} names no kata with exercises (${curriculum.map((kata) => kata.id).join(', ')})`);
  process.env.KATA_VERIFY_MODE = 'reference';
  process.env.KATA_PROVIDER ??= 'local';
  delete process.env.KATA_MYSQL_URL;
  delete process.env.KATA_KAFKA_BROKERS;
  // the learner's state (.kata/progress.json) of this bench only: which suites count as green
  // decides how many cases their properties run (harness/testing/property-runs.ts)
  const stateDir = mkdtempSync(join(tmpdir(), 'kata-bench-state-'));
  process.env.KATA_STATE_DIR = stateDir;
  try {
    await timings(katas, warmRuns, coldRuns, stateDir);
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

async function timings(katas: Kata[], warmRuns: number, coldRuns: number, stateDir: string): Promise<void> {
  const started = performance.now();
  const sections: Section[] = [];
  for (const kata of katas) {
    const kataStarted = performance.now();
    try {
      sections.push(await kataSection(kata, warmRuns, coldRuns, stateDir));
    } catch (error) {
      // one kata's failed run does not lose the others' figures
      sections.push({ kata: kata.id, yardsticks: { warm: NaN, cold: NaN, start: NaN }, rows: [], failure: error instanceof Error ? error.message : String(error) });
    }
    process.stderr.write(`bench: ${kata.id} measured in ${((performance.now() - kataStarted) / 1000).toFixed(0)} s\n`);
  }
  print(sections, { warmRuns, coldRuns, seconds: (performance.now() - started) / 1000 });
}

async function kataSection(kata: Kata, warmRuns: number, coldRuns: number, stateDir: string): Promise<Section> {
  const warm = await warmRows(kata, warmRuns, stateDir);
  // cold runs interleaved with their yardstick: a machine whose load changes by the minute
  // (other jobs) moves both alike
  const { units: unitFiles, e2e } = suitesOf(kata);
  const coldYardstick: number[] = [];
  const coldYardstickStart: number[] = [];
  const withoutE2e: number[] = [];
  const coldStart: number[] = [];
  const whole: number[] = [];
  for (let i = 0; i < coldRuns; i++) {
    const yardstick = await coldRun(ONE_TEST);
    coldYardstick.push(yardstick.ms);
    coldYardstickStart.push(yardstick.ms - yardstick.suitesMs);
    const units = await coldRun(unitFiles);
    withoutE2e.push(units.ms);
    coldStart.push(units.ms - units.suitesMs);
    if (e2e) whole.push((await coldRun([`katas/${kata.id}/`])).ms);
  }
  // A cold run costs its suites (at the full count of cases: this bench's state is green) plus its
  // cold start: vitest's start, the server's, the worker's first imports, the teardown. The suites'
  // time is the warm rows' business; the budget is on the cold start, against the one-test run's.
  const rows: Row[] = [
    ...warm.rows,
    { measure: 'cold kata, without end-to-end', samples: withoutE2e, yardstick: 'cold' },
    { measure: '  of which its cold start (not in a test file)', samples: coldStart, yardstick: 'start', budget: { median: 2 } },
  ];
  if (e2e) rows.push({ measure: 'cold kata, end-to-end included (own consumer)', samples: whole, yardstick: 'cold' });
  const yardsticks = { warm: median(warm.yardstick), cold: median(coldYardstick), start: median(coldYardstickStart) };
  return { kata: kata.id, yardsticks, rows };
}

/** A kata's suite files, from the repository root: the exercises' unit suites and its end-to-end file. */
function suitesOf(kata: Kata): { units: string[]; e2e?: string; byExercise: Map<string, string[]> } {
  const byExercise = new Map<string, string[]>();
  let e2e: string | undefined;
  for (const file of kataFiles(kata)) {
    if (file.endsWith('.e2e.test.ts')) e2e = file;
    else {
      const exercise = kata.exercises.find((candidate) => file.split('/').at(-1)!.startsWith(`${candidate.id}-`));
      if (exercise) byExercise.set(exercise.id, [...(byExercise.get(exercise.id) ?? []), file]);
    }
  }
  return { units: [...byExercise.values()].flat(), e2e, byExercise };
}

function kataFiles(kata: Kata): string[] {
  return readdirSync(`${root}katas/${kata.id}`)
    .filter((name) => name.endsWith('.test.ts'))
    .sort()
    .map((name) => `katas/${kata.id}/${name}`);
}

/**
 * One watch session per kata, as `npm test -- katas/<kata>/` keeps: after its first run, each
 * exercise's suites rerun (a save of that exercise's file) while the exercise is the current one
 * (red at its latest run: properties run fewer cases) and once it is green (the full count); then
 * the end-to-end verdict after a save once the unit suites pass: the loop runs the consumer's unit
 * suite, then the end-to-end file by itself, then the other suites the save touched (loop-gate.ts).
 */
async function warmRows(kata: Kata, runs: number, stateDir: string): Promise<{ rows: Row[]; yardstick: number[] }> {
  const { byExercise, e2e } = suitesOf(kata);
  const progress = (passed: boolean) =>
    writeFileSync(
      join(stateDir, 'progress.json'),
      JSON.stringify({ files: Object.fromEntries([...byExercise].flatMap(([exercise, files]) => files.map((file) => [file, { kata: kata.id, exercise, passed: passed ? 1 : 0, total: 1 }]))) }),
    );
  return warmSession([`katas/${kata.id}/`], async (rerun) => {
    const rows: Row[] = [];
    // the yardstick, rerun in the same session between the rows
    const yardstick: number[] = [];
    if (e2e) await rerun([e2e]); // the session's first end-to-end run waits for the session's group join
    for (const [exercise, files] of byExercise) {
      yardstick.push(await rerun(WARM_YARDSTICK));
      progress(false);
      const current = [];
      for (let i = 0; i < runs; i++) current.push(await rerun(files));
      rows.push({ measure: `save -> verdict, exercise ${exercise} (current: red before)`, samples: current, yardstick: 'warm', budget: { median: 0.7, p90: 1 } });
      progress(true);
      const done = [];
      for (let i = 0; i < Math.ceil(runs / 2); i++) done.push(await rerun(files));
      rows.push({ measure: `rerun, exercise ${exercise} green (full count)`, samples: done, yardstick: 'warm' });
    }
    progress(true);
    if (e2e) {
      yardstick.push(await rerun(WARM_YARDSTICK));
      // a save once the kata's unit suites pass (loop-gate.ts). Of the consumer: its suite, then
      // the end-to-end file alone. Of the DAL (every exercise's suite but the tables', and the
      // end-to-end file, are affected): one run of the DAL suites at the reduced count, the
      // consumer's suite and the end-to-end file. Then the confirmations at the full count (their
      // time is the "green (full count)" rows above); the bench times the runs up to the verdict.
      const exercises = [...byExercise.values()];
      const consumerSave: number[] = [];
      const dalSave: number[] = [];
      for (let i = 0; i < runs; i++) {
        progress(true);
        consumerSave.push((await rerun([...exercises.at(-1)!, e2e])) + (await rerun([e2e])));
        progress(true);
        dalSave.push(await rerun([...exercises.slice(1).flat(), e2e]));
      }
      rows.push({ measure: 'save of the consumer -> end-to-end verdict (its suite, then e2e)', samples: consumerSave, yardstick: 'warm', budget: { median: 1.5 } });
      rows.push({ measure: 'save of the DAL -> end-to-end verdict (DAL suites at 5, consumer, e2e)', samples: dalSave, yardstick: 'warm', budget: { median: 1.5 } });
    }
    yardstick.push(await rerun(WARM_YARDSTICK));
    return { rows, yardstick };
  });
}

function print(sections: Section[], info: { warmRuns: number; coldRuns: number; seconds: number }): void {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)}s`;
  const x = (ratio: number) => `${ratio.toFixed(2)}x`;
  console.log(`\nThe learner's loop on the local path (${process.env.KATA_PROVIDER}), reference solutions; warm: ${info.warmRuns} saves, cold: ${info.coldRuns} runs; bench took ${info.seconds.toFixed(0)} s`);
  console.log(`Yardstick: a one-test vitest run, measured alongside each kata's rows (on the quiet machine: warm rerun ${QUIET.warm.toFixed(2)}s, cold ${QUIET.cold.toFixed(2)}s, so a cold start ${QUIET.start.toFixed(2)}s).`);
  console.log('Each figure: seconds and its ratio to the yardstick of its kind. A budget of B s holds when the ratio is under B / the quiet yardstick.\n');
  const width = Math.max(...sections.flatMap((section) => section.rows.map((row) => row.measure.length)));
  console.log(`  ${'measure'.padEnd(width)}  ${'median'.padStart(14)}  ${'p90'.padStart(14)}  budget (as a ratio)`);
  let over = 0;
  let budgeted = 0;
  let failed = 0;
  for (const section of sections) {
    if (section.failure) {
      failed++;
      console.log(`${section.kata}: not measured, a run failed: ${section.failure}`);
      continue;
    }
    console.log(`${section.kata} (yardsticks: warm ${s(section.yardsticks.warm)}, cold ${s(section.yardsticks.cold)}, cold start ${s(section.yardsticks.start)})`);
    for (const row of section.rows) {
      const yardstick = section.yardsticks[row.yardstick];
      const m = median(row.samples);
      const p = percentile(row.samples, 0.9);
      const limits: string[] = [];
      let within = true;
      for (const [key, value] of [['median', m], ['p90', p]] as const) {
        const budget = row.budget?.[key];
        if (budget === undefined) continue;
        const ratioBudget = budget / QUIET[row.yardstick];
        limits.push(`${key} < ${budget}s (${x(ratioBudget)})`);
        if (value / yardstick > ratioBudget) within = false;
      }
      if (limits.length > 0) budgeted++;
      if (!within) over++;
      const cell = (ms: number) => `${s(ms)} ${x(ms / yardstick)}`.padStart(14);
      console.log(`  ${row.measure.padEnd(width)}  ${cell(m)}  ${cell(p)}  ${limits.join(', ') || '-'}${limits.length ? (within ? '  within' : '  OVER') : ''}`);
    }
  }
  console.log(`\n${budgeted - over} of ${budgeted} budgeted rows within budget (judged on the ratios)${failed ? `; ${failed} kata(s) not measured` : ''}`);
}

if (process.argv[2] === 'throughput') {
  const { throughputBench } = await import('./bench-throughput.ts');
  await throughputBench(process.argv.slice(3));
} else {
  await kataTimings(process.argv.slice(2));
}
