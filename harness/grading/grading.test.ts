/**
 * Grading: the record of the one test run (grade.json) and what the per-kata steps accept; the
 * generated classroom workflow; restoring the graded files of the student's template version.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { curriculum } from '../../curriculum.ts';
import { restoreGraded } from '../cli/restore-graded.ts';
import { suiteFilesOf } from '../learn/katas.ts';
import { kataGreen, readProgress, recordProgress, renderLadder } from '../learn/progress.ts';
import { REPO_ROOT } from '../learn/state.ts';
import { exerciseOfFile, type TestOutcome } from '../results/outcomes.ts';
import { classroomWorkflow, stepId, WORKFLOW_FILE } from './classroom-workflow.ts';
import { recordGrade } from './grade-run.ts';
import { computeFingerprint, FINGERPRINT_FILE } from './fingerprint.ts';
import { kataVerdict, readRecord, RECORD_FILE, writeRecord, type GradeRecord } from './record.ts';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'kata-grading-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
function write(root: string, file: string, text: string): void {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
}
function repository(): string {
  const root = join(folder, 'repo');
  write(root, 'katas/01-user/5.1-ddl.test.ts', 'suite v1\n');
  write(root, 'katas/01-user/tables.ts', 'student code\n');
  git(root, 'init', '-q');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'start');
  return root;
}
const outcome = (kata: string, status: 'passed' | 'failed' | 'skipped', name = 'a test') => ({ kata, exercise: '5.1', file: `katas/${kata}/5.1-ddl.test.ts`, name, status });
const record = (tests: GradeRecord['tests']) => ({ score: 0, max: 0, exercises: [], tests, fingerprint: 'none' });

describe('grade.json, the record of the one test run', () => {
  it('is trusted for the commit and graded files it was written on', () => {
    const root = repository();
    writeRecord(root, record([outcome('01-user', 'passed')]));
    const read = readRecord(root);
    expect('record' in read && read.record.tests).toHaveLength(1);
  });

  it('is stale after an edit to a graded file, or on another commit; refused when missing or not ours', () => {
    const root = repository();
    expect(readRecord(root)).toEqual({ problem: expect.stringContaining('no grade.json') });
    writeRecord(root, record([outcome('01-user', 'passed')]));
    write(root, 'katas/01-user/5.1-ddl.test.ts', 'suite, edited after the run\n');
    expect(readRecord(root)).toEqual({ problem: expect.stringContaining('graded files changed') });

    // a committed grade.json cannot name the commit that contains it
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'edited suite');
    writeRecord(root, record([outcome('01-user', 'passed')]));
    git(root, 'add', '-f', RECORD_FILE);
    git(root, 'commit', '-qm', 'a green grade.json');
    expect(readRecord(root)).toEqual({ problem: expect.stringMatching(/not from this commit .*stale/) });

    writeFileSync(join(root, RECORD_FILE), JSON.stringify({ ...JSON.parse(readFileSync(join(root, RECORD_FILE), 'utf8')), producer: 'echo' }));
    expect(readRecord(root)).toEqual({ problem: expect.stringContaining('not written by npm run grade') });
  });

  it('passes a kata exactly when every one of its tests passed, and names those that did not', () => {
    const full = { ...record([]), producer: 'kafka-mysql-katas: npm run grade', commit: null, graded: '' } as GradeRecord;
    expect(kataVerdict({ ...full, tests: [outcome('01-user', 'passed'), outcome('02-supplier', 'failed')] }, '01-user').passed).toBe(true);
    const failing = kataVerdict({ ...full, tests: [outcome('01-user', 'passed'), outcome('01-user', 'failed', 'stores a user'), outcome('01-user', 'skipped', 'later')] }, '01-user');
    expect(failing.passed).toBe(false);
    expect(failing.lines.join('\n')).toContain('1/3 tests passed');
    expect(failing.lines.join('\n')).toContain('✗ katas/01-user/5.1-ddl.test.ts > stores a user');
    expect(failing.lines.join('\n')).toContain('later (skipped)');
    expect(kataVerdict({ ...full, tests: [] }, '01-user')).toEqual({ passed: false, lines: ['01-user: no test of this kata ran in the recorded run'] });
  });
});

describe('npm run grade and the progress ladder', () => {
  it('a grade\'s run is recorded as progress: a grade that passed every test leaves no older red record in `npm run progress`', () => {
    vi.stubEnv('KATA_STATE_DIR', join(folder, 'state'));
    try {
      const kata = curriculum.find((entry) => entry.id === '04-product')!;
      const outcomes = (status: TestOutcome['status']) =>
        suiteFilesOf(`katas/${kata.id}`).map((file) => ({ file, kata: kata.id, exercise: exerciseOfFile(kata, file)!.id, name: 'a test', status, message: status === 'failed' ? 'expected …' : '' }));
      // an earlier session's red run of the kata, as the progress reporter recorded it
      recordProgress(outcomes('failed'));
      expect(kataGreen(readProgress(), kata)).toBe(false);
      const { markdown } = recordGrade(repository(), outcomes('passed'));
      expect(markdown).toContain(kata.id);
      expect(kataGreen(readProgress(), kata), 'npm run grade ran every suite of the kata green, and npm run progress still shows the older red run').toBe(true);
      expect(stripVTControlCharacters(renderLadder(readProgress()))).toMatch(new RegExp(`✓ ${kata.id}\\s`));
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe(WORKFLOW_FILE, () => {
  it('is what `npm run workflow:classroom` writes from curriculum.ts', () => {
    const committed = readFileSync(join(REPO_ROOT, WORKFLOW_FILE), 'utf8');
    expect(committed === classroomWorkflow(), `${WORKFLOW_FILE} is out of date with curriculum.ts: run npm run workflow:classroom`).toBe(true);
  });

  it('grades every kata with points from the one recorded run, with step ids the reporter accepts', () => {
    const workflow = classroomWorkflow();
    expect(workflow.match(/run: npm run grade/g)).toHaveLength(1);
    expect(workflow).not.toContain('vitest');
    const graded = curriculum.filter((kata) => kata.points > 0);
    for (const kata of graded) {
      expect(stepId(kata)).toMatch(/^[A-Za-z0-9]+$/);
      expect(workflow).toContain(`command: node harness/cli/grade-kata.ts ${kata.id}\n          timeout: 1\n          max-score: ${kata.points}\n`);
    }
    expect(workflow).toContain(`runners: ${graded.map(stepId).join(',')}\n`);
    expect(workflow).not.toContain('checks: write');
  });
});

describe('restore-graded.ts', () => {
  /** A template repository with two versions of one suite; returns its folder. */
  function template(): string {
    const root = join(folder, 'template');
    for (const version of ['v1', 'v2']) {
      write(root, 'katas/01-user/5.1-ddl.test.ts', `suite ${version}\n`);
      write(root, FINGERPRINT_FILE, JSON.stringify({ source: version, files: computeFingerprint(root) }));
      if (version === 'v1') git(root, 'init', '-q');
      git(root, 'add', '-A');
      git(root, 'commit', '-qm', version);
    }
    return root;
  }

  it('restores the version the student started from, and removes an added test file', () => {
    const source = template();
    const student = join(folder, 'student');
    write(student, 'katas/01-user/5.1-ddl.test.ts', 'suite v1, weakened by the student\n');
    write(student, 'katas/01-user/extra.test.ts', 'export {};\n');
    write(student, FINGERPRINT_FILE, JSON.stringify({ source: 'v1', files: {} }));
    const log: string[] = [];
    restoreGraded(source, student, (line) => log.push(line));
    expect(readFileSync(join(student, 'katas/01-user/5.1-ddl.test.ts'), 'utf8')).toBe('suite v1\n');
    expect(log.join('\n')).toMatch(/template version: [0-9a-f]{12} \(fingerprint source v1\)/);
    expect(log.join('\n')).toContain('removed katas/01-user/extra.test.ts');
    expect(git(source, 'worktree', 'list').trim().split('\n')).toHaveLength(1);
  });

  it('falls back to the template\'s current files, and says so, when no version matches', () => {
    const source = template();
    const student = join(folder, 'student');
    write(student, FINGERPRINT_FILE, JSON.stringify({ source: 'forged', files: {} }));
    const log: string[] = [];
    restoreGraded(source, student, (line) => log.push(line));
    expect(readFileSync(join(student, 'katas/01-user/5.1-ddl.test.ts'), 'utf8')).toBe('suite v2\n');
    expect(log[0]).toContain('no template version has fingerprint source forged');
  });
});
