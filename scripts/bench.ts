/**
 * npm run bench: kata 01's timings on the local path (throwaway mariadbd + kcat mock), measured
 * on the reference solution so that every suite runs to the end. Prints figures against the
 * budgets; it never fails a build: budgets are for humans to watch.
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

async function kataTimings(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { runs: { type: 'string', default: '3' } } });
  const runs = Number(values.runs);
  process.env.KATA_VERIFY_MODE = 'reference';
  process.env.KATA_PROVIDER ??= 'local';
  delete process.env.KATA_MYSQL_URL;
  delete process.env.KATA_KAFKA_BROKERS;

  const rows: [string, number, number][] = [];
  const emptyCache = await mkdtemp(join(tmpdir(), 'kata-bench-cache-'));
  try {
    rows.push(['cold, without e2e, empty module cache', await coldRun(WITHOUT_E2E, emptyCache), 3000]);
  } finally {
    await rm(emptyCache, { recursive: true, force: true });
  }
  const cold: number[] = [];
  for (let i = 0; i < runs; i++) cold.push(await coldRun(WITHOUT_E2E));
  rows.push([`cold, without e2e (median of ${runs})`, median(cold), 3000]);
  rows.push([`warm rerun, DDL + DAL + consumer (median of ${runs})`, median(await warmReruns(WITHOUT_E2E, runs)), 1000]);
  const coldE2e: number[] = [];
  for (let i = 0; i < runs; i++) coldE2e.push(await coldRun(E2E));
  rows.push([`cold, end-to-end file alone (median of ${runs})`, median(coldE2e), 4500]);
  rows.push([`warm rerun, end-to-end file (median of ${runs})`, median(await warmReruns(E2E, runs)), 4500]);

  console.log(`\nkata 01 on the local path (reference solution, ${process.env.KATA_PROVIDER})\n`);
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(`  ${'measure'.padEnd(width)}  ${'time'.padStart(8)}  ${'budget'.padStart(8)}`);
  for (const [name, ms, budget] of rows) {
    console.log(`  ${name.padEnd(width)}  ${(ms / 1000).toFixed(2).padStart(7)}s  ${('< ' + (budget / 1000).toFixed(1) + 's').padStart(8)}  ${ms <= budget ? 'within' : 'OVER'}`);
  }
}

if (process.argv[2] === 'throughput') {
  const { throughputBench } = await import('./bench-throughput.ts');
  await throughputBench(process.argv.slice(3));
} else {
  await kataTimings(process.argv.slice(2));
}
