/**
 * node harness/cli/grade-kata.ts <kata>: one grading workflow step per kata. Reads the record of
 * the job's one test run (grade.json, written by `npm run grade`) and exits 0 exactly when every
 * test of that kata passed in it; otherwise prints the tests that did not pass, or why the record
 * cannot be trusted. It runs no test itself: the suites run once per push.
 */
import { findKata } from '../learn/katas.ts';
import { REPO_ROOT } from '../learn/state.ts';
import { kataVerdict, readRecord } from '../grading/record.ts';
import { runCli } from './run-cli.ts';

runCli('node harness/cli/grade-kata.ts <kata>   e.g. node harness/cli/grade-kata.ts 01-user', async () => {
  const kata = findKata(process.argv[2]);
  const read = readRecord(REPO_ROOT);
  if ('problem' in read) {
    console.log(`${kata.id}: not graded: ${read.problem}`);
    return 1;
  }
  const verdict = kataVerdict(read.record, kata.id);
  for (const line of verdict.lines) console.log(line);
  return verdict.passed ? 0 : 1;
});
