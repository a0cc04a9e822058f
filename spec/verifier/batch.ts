/**
 * Runs several verification runs in one vitest process (batch.config.ts) and returns each run's
 * result as if it had had a process of its own. On this 2-core machine a vitest process costs
 * about 2 s of CPU before its first test; verify makes ~130 runs.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capture } from '../../harness/servers/processes.ts';
import type { VitestRun } from '../../harness/results/run-vitest.ts';
import type { BatchRun } from './batch.config.ts';
import type { BatchReport } from './batch-reporter.ts';

export type { BatchRun };

export type BatchOptions = {
  root: string;
  runs: readonly BatchRun[];
  env: NodeJS.ProcessEnv;
  /** workers (test files in parallel) of the whole batch */
  maxWorkers: number;
};

/** Each run's result, by its name; a run the report does not mention has no outcomes and `reported: false`. */
export async function runBatch(options: BatchOptions): Promise<Map<string, VitestRun>> {
  const folder = await mkdtemp(join(tmpdir(), 'kata-batch-'));
  const reportFile = join(folder, 'report.json');
  const started = performance.now();
  try {
    const args = [
      join(options.root, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--config',
      join(options.root, 'spec', 'verifier', 'batch.config.ts'),
      `--maxWorkers=${options.maxWorkers}`,
    ];
    const env = { ...options.env, KATA_VERIFY_BATCH: JSON.stringify(options.runs), KATA_BATCH_REPORT: reportFile };
    const { output, code: exitCode } = await capture(process.execPath, args, { cwd: options.root, env });
    let report: BatchReport | undefined;
    try {
      report = JSON.parse(await readFile(reportFile, 'utf8')) as BatchReport;
    } catch {
      // no report: the batch itself failed; the output says why
    }
    const durationMs = Math.round(performance.now() - started);
    const results = new Map<string, VitestRun>();
    for (const run of options.runs) {
      const entry = report?.[run.name];
      const outcomes = entry?.outcomes ?? [];
      const files = [...new Set(outcomes.map((outcome) => outcome.file))].map((file) => ({
        file,
        failed: outcomes.some((outcome) => outcome.file === file && outcome.status === 'failed'),
      }));
      results.set(run.name, { outcomes, files, reported: entry !== undefined, output, exitCode, durationMs: entry ? Math.round(entry.durationMs) : durationMs });
    }
    return results;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
