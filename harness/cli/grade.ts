/**
 * npm run grade: runs every kata's suites once and gives partial credit per exercise. Writes
 * grade.json (the record each per-kata grader step reads: see grading/record.ts) and a Markdown
 * table (appended to $GITHUB_STEP_SUMMARY when set, printed otherwise), and names every graded
 * file that differs from the template's fingerprint.
 */
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { curriculum } from '../../curriculum.ts';
import { checkFingerprint } from '../grading/fingerprint.ts';
import { writeRecord } from '../grading/record.ts';
import { grade, gradeMarkdown } from '../grading/score.ts';
import { UsageError } from '../learn/katas.ts';
import { REPO_ROOT } from '../learn/state.ts';
import { runVitest } from '../results/run-vitest.ts';
import { tallyProgress } from '../results/tally.ts';
import { runCli } from './run-cli.ts';

runCli('npm run grade', async () => {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length > 0) throw new UsageError(`npm run grade takes no arguments (got ${positionals.join(' ')})`);
  const run = await runVitest({ root: REPO_ROOT, projects: curriculum.map((kata) => kata.id), env: { ...process.env, KATA_VERIFY_MODE: '' } });
  if (!run.reported) throw new Error(`The test run produced no report:\n${run.output.trim().split('\n').slice(-20).join('\n')}`);
  const results = tallyProgress(curriculum, run.outcomes);
  const fingerprint = checkFingerprint(REPO_ROOT);
  const tampering = [
    ...fingerprint.changed.map((file) => `changed: ${file}`),
    ...fingerprint.missing.map((file) => `missing: ${file}`),
    ...fingerprint.added.map((file) => `added: ${file}`),
  ];
  const result = grade(results);
  writeRecord(REPO_ROOT, {
    ...result,
    tests: run.outcomes.filter((outcome) => outcome.kata).map(({ kata, exercise, file, name, status }) => ({ kata, exercise, file, name, status })),
    fingerprint: fingerprint.available ? { differs: tampering } : 'no fingerprint.json in this repository',
  });
  const markdown = gradeMarkdown(result, tampering);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
  console.log(markdown);
  if (!fingerprint.available) console.log('(no fingerprint.json: tamper check skipped)');
});
