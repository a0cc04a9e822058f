/**
 * grade.json: the record of the one test run a grading job makes. `npm run grade` writes it; each
 * per-kata grader step then only reads it (harness/cli/grade-kata.ts). A record counts only when
 * it was written by `npm run grade` for the commit being graded, over the graded files as they
 * are now: a grade.json committed by a student cannot name its own commit, and one left over from
 * before an edit no longer matches the files.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestOutcome } from '../results/outcomes.ts';
import { computeFingerprint } from './fingerprint.ts';
import type { Grade } from './score.ts';

export const RECORD_FILE = 'grade.json';
export const PRODUCER = 'kafka-mysql-katas: npm run grade';

export type GradeRecord = Grade & {
  producer: typeof PRODUCER;
  /** the commit the tests ran on (null outside a git repository) */
  commit: string | null;
  /** SHA-256 over the graded files' hashes when the tests ran */
  graded: string;
  tests: Pick<TestOutcome, 'kata' | 'exercise' | 'file' | 'name' | 'status'>[];
  fingerprint: { differs: string[] } | string;
};

export function currentCommit(root: string): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** One hash for the graded files as they are: any edit to a suite, the harness or the config changes it. */
export function gradedFilesHash(root: string): string {
  return createHash('sha256').update(JSON.stringify(computeFingerprint(root))).digest('hex');
}

export function writeRecord(root: string, record: Omit<GradeRecord, 'producer' | 'commit' | 'graded'>): GradeRecord {
  const full: GradeRecord = { producer: PRODUCER, commit: currentCommit(root), graded: gradedFilesHash(root), ...record };
  writeFileSync(join(root, RECORD_FILE), JSON.stringify(full, null, 2) + '\n');
  return full;
}

/** The record when it is trustworthy for this checkout; otherwise why not. */
export function readRecord(root: string): { record: GradeRecord } | { problem: string } {
  const file = join(root, RECORD_FILE);
  if (!existsSync(file)) return { problem: `no ${RECORD_FILE}: the "npm run grade" step did not run or did not finish (see its log)` };
  let record: GradeRecord;
  try {
    record = JSON.parse(readFileSync(file, 'utf8')) as GradeRecord;
  } catch {
    return { problem: `${RECORD_FILE} is not valid JSON` };
  }
  if (record.producer !== PRODUCER || !Array.isArray(record.tests)) return { problem: `${RECORD_FILE} was not written by npm run grade` };
  const commit = currentCommit(root);
  if (record.commit !== commit) return { problem: `${RECORD_FILE} is from commit ${record.commit ?? 'none'}, not from this commit (${commit ?? 'none'}): stale` };
  if (record.graded !== gradedFilesHash(root)) return { problem: `the graded files changed after ${RECORD_FILE} was written: stale` };
  return { record };
}

/** A kata's verdict from a trusted record: passed only when every one of its tests passed. */
export function kataVerdict(record: GradeRecord, kataId: string): { passed: boolean; lines: string[] } {
  const tests = record.tests.filter((test) => test.kata === kataId);
  const notPassed = tests.filter((test) => test.status !== 'passed');
  if (tests.length === 0) return { passed: false, lines: [`${kataId}: no test of this kata ran in the recorded run`] };
  if (notPassed.length === 0) return { passed: true, lines: [`${kataId}: all ${tests.length} tests passed`] };
  return {
    passed: false,
    lines: [
      `${kataId}: ${tests.length - notPassed.length}/${tests.length} tests passed. Not passing:`,
      ...notPassed.map((test) => `  ${test.status === 'failed' ? '✗' : '-'} ${test.file} > ${test.name}${test.status === 'skipped' ? ' (skipped)' : ''}`),
    ],
  };
}
