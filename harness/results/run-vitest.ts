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

export async function runVitest(options: RunVitestOptions): Promise<VitestRun> {
  const folder = await mkdtemp(join(tmpdir(), 'kata-vitest-'));
  const reportFile = join(folder, 'report.json');
  const started = performance.now();
  try {
    const args = [
      join(options.root, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      ...(options.filters ?? []),
      ...(options.projects ?? []).flatMap((project) => ['--project', project]),
      '--reporter=json',
      `--outputFile=${reportFile}`,
    ];
    const { output, code: exitCode } = await capture(process.execPath, args, { cwd: options.root, env: options.env });
    let report: JsonReport | undefined;
    try {
      report = JSON.parse(await readFile(reportFile, 'utf8')) as JsonReport;
    } catch {
      // no report: the run itself failed; the output says why
    }
    const outcomes = report ? outcomesFromReport(report, options.root) : [];
    const files = [...new Set(outcomes.map((outcome) => outcome.file))].map((file) => ({
      file,
      failed: outcomes.some((outcome) => outcome.file === file && outcome.status === 'failed'),
    }));
    return { outcomes, files, reported: report !== undefined, output, exitCode, durationMs: Math.round(performance.now() - started) };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
