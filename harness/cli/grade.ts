/**
 * npm run grade: runs every kata's suites once and gives partial credit per exercise. Writes
 * grade.json (the record each per-kata grader step reads: see grading/record.ts) and a Markdown
 * table (appended to $GITHUB_STEP_SUMMARY when set, printed otherwise), names every graded
 * file that differs from the template's fingerprint, and records the run as the learner's
 * progress (grading/grade-run.ts).
 */
import { appendFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { curriculum } from '../../curriculum.ts';
import { recordGrade } from '../grading/grade-run.ts';
import { UsageError } from '../learn/katas.ts';
import { REPO_ROOT } from '../learn/state.ts';
import { runVitest } from '../results/run-vitest.ts';
import { runCli } from './run-cli.ts';

runCli('npm run grade', async () => {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length > 0) throw new UsageError(`npm run grade takes no arguments (got ${positionals.join(' ')})`);
  const run = await runVitest({ root: REPO_ROOT, projects: curriculum.map((kata) => kata.id), env: { ...process.env, KATA_VERIFY_MODE: '' } });
  if (!run.reported) throw new Error(`The test run produced no report:\n${run.output.trim().split('\n').slice(-20).join('\n')}`);
  const { markdown, fingerprinted } = recordGrade(REPO_ROOT, run.outcomes);
  if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, markdown);
  console.log(markdown);
  if (!fingerprinted) console.log('(no fingerprint.json: tamper check skipped)');
  console.log('(`npm run progress` now shows this run)');
});
