/**
 * npm run bench: the learner's loop, timed on every exercise of every kata, on the local path
 * (throwaway mariadbd + kcat's mock cluster), with the reference solutions redirected in
 * (KATA_VERIFY_MODE=reference, spec/redirect.ts) so that every suite runs to the end.
 * `--kata 07-order` (repeatable) narrows it; `--runs N` sets the warm samples (default 6), `--cold N`
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
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { curriculum, type Kata } from '../curriculum.ts';
import { coldRun, median, percentile, warmSession } from './bench-loop.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The yardsticks of this bench on the quiet 2-core machine (seconds; 2026-12-01, before #24). */
const QUIET = { warm: 0.53, cold: 2.03 };

/** A one-test vitest run: what any vitest run costs, the yardstick for the ratios. */
const ONE_TEST = ['harness/learn/learn.test.ts', '-t', 'accepts 01-user'];

type Row = { kata: string; measure: string; samples: number[]; yardstick: 'warm' | 'cold'; budget?: { median?: number; p90?: number } };

async function kataTimings(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { runs: { type: 'string', default: '6' }, cold: { type: 'string', default: '3' }, kata: { type: 'string', multiple: true } } });
  const warmRuns = Number(values.runs);
  const coldRuns = Number(values.cold);
  const katas = curriculum.filter((kata) => kata.exercises.some((exercise) => /^\d/.test(exercise.id)) && (!values.kata || values.kata.some((id) => kata.id.startsWith(id))));
  if (katas.length === 0) throw new Error(`--kata ${values.kata?.join(', ')} names no kata with exercises (${curriculum.map((kata) => kata.id).join(', ')})`);
  process.env.KATA_VERIFY_MODE = 'reference';
  process.env.KATA_PROVIDER ??= 'local';
  delete process.env.KATA_MYSQL_URL;
  delete process.env.KATA_KAFKA_BROKERS;
  const started = performance.now();

  const cold = [];
  for (let i = 0; i < coldRuns; i++) cold.push(await coldRun(ONE_TEST));
  const warm = await warmSession(['harness/learn/learn.test.ts'], async (rerun) => {
    const times = [];
    for (let i = 0; i < warmRuns; i++) times.push(await rerun(['harness/learn/learn.test.ts']));
    return times;
  });
  const yardsticks = { warm: median(warm), cold: median(cold) };

  const rows: Row[] = [];
  for (const kata of katas) {
    rows.push(...(await warmRows(kata, warmRuns)));
    const { units, e2e } = suitesOf(kata);
    const withoutE2e: number[] = [];
    const whole: number[] = [];
    for (let i = 0; i < coldRuns; i++) withoutE2e.push(await coldRun(units));
    for (let i = 0; i < coldRuns && e2e; i++) whole.push(await coldRun([`katas/${kata.id}/`]));
    rows.push({ kata: kata.id, measure: 'cold kata, without end-to-end', samples: withoutE2e, yardstick: 'cold', budget: { median: 2 } });
    if (e2e) rows.push({ kata: kata.id, measure: 'cold kata, end-to-end included (own consumer)', samples: whole, yardstick: 'cold' });
  }
  print(rows, yardsticks, { warmRuns, coldRuns, seconds: (performance.now() - started) / 1000 });
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
 * exercise's suites rerun (a save of that exercise's file), then the end-to-end verdict after a save
 * of the consumer: its unit suite, then the end-to-end file alone (the loop holds the end-to-end file
 * back until that verdict, loop-gate.ts).
 */
async function warmRows(kata: Kata, runs: number): Promise<Row[]> {
  const { byExercise, e2e } = suitesOf(kata);
  return warmSession([`katas/${kata.id}/`], async (rerun) => {
    const rows: Row[] = [];
    if (e2e) await rerun([e2e]); // the session's first end-to-end run waits for the session's group join
    for (const [exercise, files] of byExercise) {
      const times = [];
      for (let i = 0; i < runs; i++) times.push(await rerun(files));
      rows.push({ kata: kata.id, measure: `save -> verdict, exercise ${exercise}`, samples: times, yardstick: 'warm', budget: { median: 0.7, p90: 1 } });
    }
    if (e2e) {
      const consumerSuites = byExercise.get([...byExercise.keys()].at(-1)!) ?? [];
      const afterSave: number[] = [];
      const alone: number[] = [];
      for (let i = 0; i < runs; i++) {
        const units = await rerun(consumerSuites);
        const endToEnd = await rerun([e2e]);
        afterSave.push(units + endToEnd);
        alone.push(endToEnd);
      }
      rows.push({ kata: kata.id, measure: 'save -> end-to-end verdict (consumer suite, then e2e)', samples: afterSave, yardstick: 'warm', budget: { median: 1.5 } });
      rows.push({ kata: kata.id, measure: 'end-to-end file rerun alone', samples: alone, yardstick: 'warm' });
    }
    return rows;
  });
}

function print(rows: Row[], yardsticks: { warm: number; cold: number }, info: { warmRuns: number; coldRuns: number; seconds: number }): void {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)}s`;
  const x = (ratio: number) => `${ratio.toFixed(2)}x`;
  console.log(`\nThe learner's loop on the local path (${process.env.KATA_PROVIDER}), reference solutions; warm: ${info.warmRuns} saves, cold: ${info.coldRuns} runs; bench took ${info.seconds.toFixed(0)} s`);
  console.log(
    `yardsticks (a one-test vitest run): warm rerun ${s(yardsticks.warm)} (quiet machine ${QUIET.warm.toFixed(2)}s), cold ${s(yardsticks.cold)} (quiet ${QUIET.cold.toFixed(2)}s)`,
  );
  console.log('ratios are to the yardstick of the same kind; a budget B s holds when the ratio is under B / the quiet yardstick\n');
  const width = Math.max(...rows.map((row) => `${row.kata}  ${row.measure}`.length));
  console.log(`  ${'kata  measure'.padEnd(width)}  ${'median'.padStart(14)}  ${'p90'.padStart(14)}  budget (ratio)`);
  let over = 0;
  for (const row of rows) {
    const yardstick = yardsticks[row.yardstick];
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
    if (!within) over++;
    const cell = (ms: number) => `${s(ms)} ${x(ms / yardstick)}`.padStart(14);
    console.log(`  ${`${row.kata}  ${row.measure}`.padEnd(width)}  ${cell(m)}  ${cell(p)}  ${limits.join(', ') || '-'}${limits.length ? (within ? '  within' : '  OVER') : ''}`);
  }
  console.log(`\n${over === 0 ? 'every budgeted row within budget' : `${over} row(s) over budget`} (judged on the ratios)`);
}

if (process.argv[2] === 'throughput') {
  const { throughputBench } = await import('./bench-throughput.ts');
  await throughputBench(process.argv.slice(3));
} else {
  await kataTimings(process.argv.slice(2));
}
