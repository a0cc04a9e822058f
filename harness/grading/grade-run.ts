/**
 * What `npm run grade` makes of its one test run: the score and the Markdown table, grade.json
 * (record.ts), the graded files that differ from the template's fingerprint, and the learner's
 * progress (.kata/progress.json). The run is a real one of the student's code (no verifier's
 * redirection, no name filter) over every kata's whole suite files, so `npm run progress`
 * shows it: before, a grade that passed every test left the ladder on an older red run.
 * (Its JSON reporter replaces vitest.config.ts's reporters, the progress reporter among them.)
 */
import { curriculum } from '../../curriculum.ts';
import { recordProgress } from '../learn/progress.ts';
import type { TestOutcome } from '../results/outcomes.ts';
import { tallyProgress } from '../results/tally.ts';
import { checkFingerprint } from './fingerprint.ts';
import { writeRecord } from './record.ts';
import { grade, gradeMarkdown } from './score.ts';

export function recordGrade(root: string, outcomes: readonly TestOutcome[]): { markdown: string; fingerprinted: boolean } {
  const fingerprint = checkFingerprint(root);
  const tampering = [
    ...fingerprint.changed.map((file) => `changed: ${file}`),
    ...fingerprint.missing.map((file) => `missing: ${file}`),
    ...fingerprint.added.map((file) => `added: ${file}`),
  ];
  const result = grade(tallyProgress(curriculum, outcomes));
  writeRecord(root, {
    ...result,
    tests: outcomes.filter((outcome) => outcome.kata).map(({ kata, exercise, file, name, status }) => ({ kata, exercise, file, name, status })),
    fingerprint: fingerprint.available ? { differs: tampering } : 'no fingerprint.json in this repository',
  });
  recordProgress(outcomes);
  return { markdown: gradeMarkdown(result, tampering), fingerprinted: fingerprint.available };
}
