/**
 * npm run bench: kata 01's timings on the local path (throwaway mariadbd + kcat mock), measured
 * on the reference solution so that every suite runs to the end. Prints figures against the
 * budgets, each with its ratio to a one-test vitest run measured in the same bench; it never
 * fails a build: budgets are for humans to watch.
 * npm run bench -- throughput: the service's events/s against a single-row loop (bench-throughput.ts).
 *
 *   cold    a fresh `vitest run` process, server start included (with an empty and a warm
 *           module cache)
 *   warm    a rerun inside one vitest session, as watch mode does on save (servers already up)
 */
import { capture } from '../harness/servers/processes.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));

const WITHOUT_E2E = ['katas/01-user/5.1', 'katas/01-user/5.2', 'katas/01-user/5.3-consumer.test'];
const E2E = ['katas/01-user/5.3-consumer.e2e'];

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function coldRun(filters: string[], cacheDir?: string): Promise<number> {
  const started = performance.now();
  const args = [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...filters, '--reporter=dot'];
  if (cacheDir) args.push(`--fsModuleCachePath=${cacheDir}`);
  const { code } = await capture(process.execPath, args, { cwd: root, env: process.env });
  if (code !== 0) throw new Error(`vitest run ${filters.join(' ')} failed (exit ${code}); run it by hand to see why`);
  return performance.now() - started;
}

async function warmReruns(filters: string[], runs: number): Promise<number[]> {
  const { createVitest } = await import('vitest/node');
  const vitest = await createVitest({ watch: false, reporters: [{}], root });
  try {
    await vitest.start(filters);
    const specifications = await vitest.globTestSpecifications(filters);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const result = await vitest.rerunTestSpecifications(specifications);
      times.push(performance.now() - started);
      if (result.testModules.some((module) => !module.ok())) throw new Error(`a rerun of ${filters.join(' ')} failed`);
    }
    return times;
  } finally {
    await vitest.close();
  }
}

/** A one-test vitest run: what any vitest run costs, the yardstick for the ratios. */
const ONE_TEST = ['harness/learn/learn.test.ts', '-t', 'accepts 01-user'];
const CURRENT_EXERCISE = ['katas/01-user/5.2'];
const WHOLE_KATA = ['katas/01-user/'];

async function kataTimings(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { runs: { type: 'string', default: '3' } } });
  const runs = Number(values.runs);
  process.env.KATA_VERIFY_MODE = 'reference';
  process.env.KATA_PROVIDER ??= 'local';
  delete process.env.KATA_MYSQL_URL;
  delete process.env.KATA_KAFKA_BROKERS;
  const medianOf = async (measure: () => Promise<number>) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await measure());
    return median(times);
  };

  const coldYardstick = await medianOf(() => coldRun(ONE_TEST));
  const warmYardstick = median(await warmReruns(['harness/learn/learn.test.ts'], runs));
  // [measure, time, budget (#14), yardstick it is compared with]
  const rows: [string, number, number, number][] = [
    [`save -> verdict of the current exercise (5.2), warm`, median(await warmReruns(CURRENT_EXERCISE, runs)), 1000, warmYardstick],
    [`cold kata run without end-to-end`, await medianOf(() => coldRun(WITHOUT_E2E)), 2500, coldYardstick],
    [`cold whole kata, end-to-end included`, await medianOf(() => coldRun(WHOLE_KATA)), 6000, coldYardstick],
    [`warm rerun, end-to-end file alone`, median(await warmReruns(E2E, runs)), 4500, warmYardstick],
  ];
  const emptyCache = await mkdtemp(join(tmpdir(), 'kata-bench-cache-'));
  try {
    rows.push(['cold, without e2e, empty module cache (once)', await coldRun(WITHOUT_E2E, emptyCache), 3000, coldYardstick]);
  } finally {
    await rm(emptyCache, { recursive: true, force: true });
  }

  console.log(`\nkata 01 on the local path (reference solution, ${process.env.KATA_PROVIDER}), medians of ${runs}`);
  console.log(`yardsticks: a one-test vitest run ${(coldYardstick / 1000).toFixed(2)} s cold, ${(warmYardstick / 1000).toFixed(2)} s as a warm rerun\n`);
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`  ${'measure'.padEnd(width)}  ${'time'.padStart(8)}  ${'budget'.padStart(8)}  ${'ratio'.padStart(6)}`);
  for (const [name, ms, budget, yardstick] of rows) {
    const ratio = `${(ms / yardstick).toFixed(1)}x`;
    console.log(`  ${name.padEnd(width)}  ${(ms / 1000).toFixed(2).padStart(7)}s  ${('< ' + (budget / 1000).toFixed(1) + 's').padStart(8)}  ${ratio.padStart(6)}  ${ms <= budget ? 'within' : 'OVER'}`);
  }
}

if (process.argv[2] === 'throughput') {
  const { throughputBench } = await import('./bench-throughput.ts');
  await throughputBench(process.argv.slice(3));
} else {
  await kataTimings(process.argv.slice(2));
}
