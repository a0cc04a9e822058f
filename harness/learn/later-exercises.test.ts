import { describe, expect, it } from 'vitest';
import type { TestOutcome } from '../results/outcomes.ts';
import { laterExercises } from './later-exercises.ts';

const STUB = "NotStarted: not implemented yet: exercise 5.3, UserConsumer.parseTimestamp.\nReplace the `throw notImplemented(...)` line with your code.";
const outcome = (file: string, status: TestOutcome['status'], message = '', setup = false): TestOutcome => {
  const [, kata, exercise] = /katas\/([^/]+)\/(\d\.\d)-/.exec(file) ?? [];
  return { file, kata, exercise, name: setup ? "(the file's setup, before its tests)" : `a test of ${file}`, status, message, ...(setup ? { setup } : {}) };
};

describe('laterExercises (what the calm reporter folds into one line)', () => {
  it("a fresh kata: 5.1 in full; 5.2, which waits for 5.1's table, and 5.3, all stubs, one line each", () => {
    const outcomes = [
      ...Array.from({ length: 3 }, () => outcome('katas/01-user/5.1-ddl.test.ts', 'failed', 'Error: There is no `users` table.')),
      ...Array.from({ length: 4 }, () => outcome('katas/01-user/5.2-dal.test.ts', 'skipped')),
      outcome('katas/01-user/5.2-dal.test.ts', 'failed', 'This exercise needs the table `users`.\nFinish exercise 5.1 first: read katas/01-user/README.md', true),
      ...Array.from({ length: 5 }, () => outcome('katas/01-user/5.3-consumer.test.ts', 'failed', STUB)),
      // its end-to-end file waits for 5.1's table too
      ...Array.from({ length: 2 }, () => outcome('katas/01-user/5.3-consumer.e2e.test.ts', 'skipped')),
      outcome('katas/01-user/5.3-consumer.e2e.test.ts', 'failed', 'Finish exercise 5.1 first', true),
      outcome('harness/db/pool.test.ts', 'failed', 'a harness failure'),
    ];
    const later = laterExercises(outcomes);
    expect(later.current).toEqual({ kata: '01-user', exercise: '5.1' });
    expect([...later.folded].sort()).toEqual(['katas/01-user/5.2-dal.test.ts', 'katas/01-user/5.3-consumer.e2e.test.ts', 'katas/01-user/5.3-consumer.test.ts']);
    expect(later.lines).toEqual([
      'Later exercises, one line each (their failures show in full once 01-user 5.1 passes):',
      '  01-user 5.2 DAL: upsert and soft delete: waits for 5.1 (4 tests not run), comes after 5.1',
      '  01-user 5.3 Consumer: flatten user events: not started (7 tests), comes after 5.1',
      'To see one in full now: npm test -- katas/01-user/5.2',
    ]);
  });

  it('an exercise started ahead of the current one says how many of its tests fail; a later kata names the current one in full', () => {
    const later = laterExercises([
      outcome('katas/01-user/5.2-dal.test.ts', 'failed', 'Error: expected 1 row'),
      outcome('katas/01-user/5.3-consumer.test.ts', 'failed', 'AssertionError: expected null'),
      outcome('katas/01-user/5.3-consumer.test.ts', 'passed'),
      outcome('katas/02-supplier/5.1-ddl.test.ts', 'failed', 'Error: There is no `suppliers` table.'),
    ]);
    expect(later.current).toEqual({ kata: '01-user', exercise: '5.2' });
    expect(later.lines.slice(1, 3)).toEqual([
      '  01-user 5.3 Consumer: flatten user events: 1 of 2 tests fails, comes after 5.2',
      '  02-supplier 5.1 DDL: CREATE TABLE suppliers: 1 of 1 test fails, comes after 01-user 5.2',
    ]);
  });

  it('folds nothing when one exercise fails (a run of 5.3 alone shows 5.3 in full), nor when only harness suites fail', () => {
    expect(laterExercises([outcome('katas/01-user/5.3-consumer.test.ts', 'failed', STUB), outcome('katas/01-user/5.3-consumer.test.ts', 'failed', STUB)])).toEqual({
      current: { kata: '01-user', exercise: '5.3' },
      folded: new Set(),
      lines: [],
    });
    expect(laterExercises([outcome('harness/db/pool.test.ts', 'failed', 'x')]).lines).toEqual([]);
  });
});
