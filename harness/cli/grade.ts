/**
 * npm run grade: runs every kata once and gives partial credit per exercise. Writes grade.json
 * and a Markdown table (appended to $GITHUB_STEP_SUMMARY when set, printed otherwise), and names
 * every graded file that differs from the template's fingerprint.
 */
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { curriculum } from '../../curriculum.ts';
import { checkFingerprint } from '../grading/fingerprint.ts';
import { grade, gradeMarkdown } from '../grading/score.ts';
import { exerciseOfFile, kataOfFile, UsageError } from '../learn/katas.ts';
import type { Progress } from '../learn/progress.ts';
import { REPO_ROOT } from '../learn/state.ts';
import { capture } from '../servers/processes.ts';
import { runCli } from './run-cli.ts';

type JsonReport = { testResults: { name: string; assertionResults: { status: string }[] }[] };

runCli('npm run grade', async () => {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length > 0) throw new UsageError(`npm run grade takes no arguments (got ${positionals.join(' ')})`);
  const folder = mkdtempSync(join(tmpdir(), 'kata-grade-'));
  const reportFile = join(folder, 'report.json');
  try {
    const projects = curriculum.flatMap((kata) => ['--project', kata.id]);
    const { output } = await capture(process.execPath, [join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...projects, '--reporter=json', `--outputFile=${reportFile}`], { cwd: REPO_ROOT, env: { ...process.env, KATA_VERIFY_MODE: '' } });
    let report: JsonReport;
    try {
      report = JSON.parse(readFileSync(reportFile, 'utf8')) as JsonReport;
    } catch {
      throw new Error(`The test run produced no report:\n${output.trim().split('\n').slice(-20).join('\n')}`);
    }
    const results: Progress = {};
    for (const file of report.testResults) {
      const kata = kataOfFile(file.name);
      const exercise = kata && exerciseOfFile(kata, file.name);
      if (!kata || !exercise) continue;
      const entry = ((results[kata.id] ??= {})[exercise.id] ??= { passed: 0, total: 0 });
      entry.total += Math.max(1, file.assertionResults.length);
      entry.passed += file.assertionResults.filter((test) => test.status === 'passed').length;
    }
    const fingerprint = checkFingerprint(REPO_ROOT);
    const tampering = [
      ...fingerprint.changed.map((file) => `changed: ${file}`),
      ...fingerprint.missing.map((file) => `missing: ${file}`),
      ...fingerprint.added.map((file) => `added: ${file}`),
    ];
    const result = grade(results);
    writeFileSync(join(REPO_ROOT, 'grade.json'), JSON.stringify({ ...result, fingerprint: fingerprint.available ? { differs: tampering } : 'no fingerprint.json in this repository' }, null, 2) + '\n');
    const markdown = gradeMarkdown(result, tampering);
    if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
    console.log(markdown);
    if (!fingerprint.available) console.log('(no fingerprint.json: tamper check skipped)');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
