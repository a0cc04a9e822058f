/** Runs one vitest project in a child process and reads back its JSON report. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { capture } from '../../harness/servers/processes.ts';

export type TestOutcome = { file: string; name: string; status: 'passed' | 'failed' | 'skipped'; message: string };
export type FileOutcome = { file: string; status: 'passed' | 'failed'; message: string };

export type VitestRun = {
  tests: TestOutcome[];
  files: FileOutcome[];
  /** the child's own output, for diagnosing a run that went wrong */
  output: string;
  exitCode: number | null;
  durationMs: number;
};

type JsonReport = {
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
};

export async function runVitest(options: { root: string; projects: readonly string[]; env: NodeJS.ProcessEnv; filters?: readonly string[] }): Promise<VitestRun> {
  const folder = await mkdtemp(join(tmpdir(), 'kata-verify-'));
  const reportFile = join(folder, 'report.json');
  const started = performance.now();
  try {
    const { output, code: exitCode } = await capture(
      process.execPath,
      [join(options.root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...(options.filters ?? []), ...options.projects.flatMap((project) => ['--project', project]), '--reporter=json', `--outputFile=${reportFile}`],
      { cwd: options.root, env: options.env },
    );
    let report: JsonReport = { testResults: [] };
    try {
      report = JSON.parse(await readFile(reportFile, 'utf8')) as JsonReport;
    } catch {
      // no report: the run itself failed (config error, crash); the output says why
    }
    const tests: TestOutcome[] = [];
    const files: FileOutcome[] = [];
    for (const result of report.testResults) {
      const file = basename(result.name);
      files.push({ file, status: result.status === 'passed' ? 'passed' : 'failed', message: result.message ?? '' });
      for (const assertion of result.assertionResults) {
        const status = assertion.status === 'passed' ? 'passed' : assertion.status === 'failed' ? 'failed' : 'skipped';
        tests.push({ file, name: assertion.fullName, status, message: (assertion.failureMessages ?? []).join('\n') });
      }
    }
    return { tests, files, output, exitCode, durationMs: Math.round(performance.now() - started) };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
