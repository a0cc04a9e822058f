/**
 * npm run bench's two ways to time a vitest run (bench.ts): a cold `vitest run` process, and warm
 * reruns inside one watch session, as a save triggers them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { capture } from '../harness/servers/processes.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

export function median(numbers: number[]): number {
  return percentile(numbers, 0.5);
}

/** Nearest rank: the smallest sample that at least this share of the samples does not exceed. */
export function percentile(numbers: number[], share: number): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)]!;
}

/**
 * A fresh `vitest run` process, servers started and stopped: milliseconds from spawn to exit, and
 * of those, the time its test files ran (from vitest's JSON report): the rest is its cold start
 * (vitest's start, the servers', the worker's first imports, the teardown).
 */
export async function coldRun(filters: string[]): Promise<{ ms: number; suitesMs: number }> {
  const folder = mkdtempSync(join(tmpdir(), 'kata-bench-cold-'));
  const report = join(folder, 'report.json');
  try {
    const started = performance.now();
    const args = [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...filters, '--reporter=dot', '--reporter=json', `--outputFile.json=${report}`];
    const { code } = await capture(process.execPath, args, { cwd: root, env: process.env });
    const ms = performance.now() - started;
    if (code !== 0) throw new Error(`vitest run ${filters.join(' ')} failed (exit ${code}); run it by hand to see why`);
    const { testResults } = JSON.parse(readFileSync(report, 'utf8')) as { testResults: { startTime: number; endTime: number }[] };
    return { ms, suitesMs: testResults.reduce((sum, file) => sum + (file.endTime - file.startTime), 0) };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * One watch session (vitest's watch mode, as `npm test` runs it: the learner's loop, the global
 * setup alive across reruns) on these filters; `measure` gets a rerun function that reruns the
 * given files and returns how long the rerun took, failing if a test failed.
 */
export async function warmSession<T>(filters: string[], measure: (rerun: (files: string[]) => Promise<number>) => Promise<T>): Promise<T> {
  const { createVitest } = await import('vitest/node');
  const vitest = await createVitest({ watch: true, reporters: [{}], root });
  try {
    await vitest.start(filters);
    return await measure(async (files) => {
      const specifications = await vitest.globTestSpecifications(files);
      const started = performance.now();
      const result = await vitest.rerunTestSpecifications(specifications);
      const elapsed = performance.now() - started;
      const failed = result.testModules.filter((module) => !module.ok());
      if (failed.length > 0 || specifications.length === 0) throw new Error(`a rerun of ${files.join(' ')} failed: ${failed.map((module) => module.moduleId).join(', ') || 'no test file matched'}`);
      return elapsed;
    });
  } finally {
    await vitest.close();
  }
}
