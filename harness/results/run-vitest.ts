/** Runs vitest in a child process with its JSON report, and reads the report back as outcomes. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capture } from '../servers/processes.ts';
import { outcomesFromReport, type JsonReport, type TestOutcome } from './outcomes.ts';

export type VitestRun = {
  outcomes: TestOutcome[];
  /** every test file the run reported, relative to the root; and whether it failed as a whole */
  files: { file: string; failed: boolean }[];
  /** false when the run wrote no report (a config error, a crash): `output` says why */
  reported: boolean;
  /** the child's own output, for diagnosing a run that went wrong */
  output: string;
  exitCode: number | null;
  durationMs: number;
};

export type RunVitestOptions = {
  root: string;
  /** vitest projects to run (curriculum kata ids, 'harness', 'spec'); all when empty */
  projects?: readonly string[];
  /** file filters, as on vitest's command line */
  filters?: readonly string[];
  env: NodeJS.ProcessEnv;
};

/** The test files of a run's outcomes, and whether each failed. */
export function filesOf(outcomes: readonly TestOutcome[]): VitestRun['files'] {
  return [...new Set(outcomes.map((outcome) => outcome.file))].map((file) => ({
    file,
    failed: outcomes.some((outcome) => outcome.file === file && outcome.status === 'failed'),
  }));
}

/**
 * Runs `vitest run` in a child process (a fresh one: a crash or a hanging handle cannot take the
 * caller down) with a fresh file for its report; `args` gets that file's path. Returns the
 * report's text, or undefined when the run wrote none (the output then says why).
 */
export async function runVitestChild(
  root: string,
  args: (reportFile: string) => string[],
  env: NodeJS.ProcessEnv,
  /** also hand the report file's path over in this environment variable (for a custom reporter) */
  reportFileVariable?: string,
): Promise<{ report: string | undefined; output: string; exitCode: number | null; durationMs: number }> {
  const folder = await mkdtemp(join(tmpdir(), 'kata-vitest-'));
  const reportFile = join(folder, 'report.json');
  const started = performance.now();
  try {
    const { output, code: exitCode } = await capture(process.execPath, [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...args(reportFile)], {
      cwd: root,
      env: reportFileVariable ? { ...env, [reportFileVariable]: reportFile } : env,
    });
    const report = await readFile(reportFile, 'utf8').catch(() => undefined);
    return { report, output, exitCode, durationMs: Math.round(performance.now() - started) };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

export async function runVitest(options: RunVitestOptions): Promise<VitestRun> {
  const child = await runVitestChild(
    options.root,
    (reportFile) => [
      ...(options.filters ?? []),
      ...(options.projects ?? []).flatMap((project) => ['--project', project]),
      '--reporter=json',
      `--outputFile=${reportFile}`,
    ],
    options.env,
  );
  const outcomes = child.report ? outcomesFromReport(JSON.parse(child.report) as JsonReport, options.root) : [];
  return { outcomes, files: filesOf(outcomes), reported: child.report !== undefined, output: child.output, exitCode: child.exitCode, durationMs: child.durationMs };
}
