/**
 * Runs several verification runs in one vitest process (batch.config.ts) and returns each run's
 * result as if it had had a process of its own. On this 2-core machine a vitest process costs
 * about 2 s of CPU before its first test; verify makes ~130 runs.
 */
import { join } from 'node:path';
import { filesOf, runVitestChild, type VitestRun } from '../../harness/results/run-vitest.ts';
import { capture } from '../../harness/servers/processes.ts';
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
  const child = await runVitestChild(
    options.root,
    () => ['--config', join(options.root, 'spec', 'verifier', 'batch.config.ts'), `--maxWorkers=${options.maxWorkers}`],
    // the batch reporter is named in the config; it finds its file here
    { ...options.env, KATA_VERIFY_BATCH: JSON.stringify(options.runs) },
    'KATA_BATCH_REPORT',
  );
  const report = child.report === undefined ? undefined : (JSON.parse(child.report) as BatchReport);
  const results = new Map<string, VitestRun>();
  for (const run of options.runs) {
    const entry = report?.[run.name];
    const outcomes = entry?.outcomes ?? [];
    results.set(run.name, {
      outcomes,
      files: filesOf(outcomes),
      reported: entry !== undefined,
      output: child.output,
      exitCode: child.exitCode,
      durationMs: entry ? Math.round(entry.durationMs) : child.durationMs,
    });
  }
  return results;
}

/**
 * Loads every module of these runs once, without running a test (`vitest list`), so that vitest's
 * module cache holds their transforms before the batches start: from a clean clone, ~20 batch
 * processes would otherwise transform the same modules side by side.
 */
export async function warmModuleCache(options: Omit<BatchOptions, 'maxWorkers'>): Promise<void> {
  await capture(process.execPath, [join(options.root, 'node_modules', 'vitest', 'vitest.mjs'), 'list', '--config', join(options.root, 'spec', 'verifier', 'batch.config.ts')], {
    cwd: options.root,
    env: { ...options.env, KATA_VERIFY_BATCH: JSON.stringify(options.runs) },
  });
}
