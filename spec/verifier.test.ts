/** The verifier's own pieces: mistake application, verify modes, and the verdicts it draws from a run. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyMistake } from './mistake.ts';
import { parseVerifyMode } from './redirect.ts';
import { runtimeImports, suitesReaching } from './verifier/dependents.ts';
import { allFail, allPass, mistakeVerdict } from './verifier/expectations.ts';
import { exerciseStubVerdict } from './verifier/exercise-rows.ts';
import { exercisePlan, exercisesOfStub, mixedModule } from './verifier/exercise-stubs.ts';
import { sideBySide, type VerifyReport } from './verifier/side-by-side.ts';
import { locate, SETUP_FAILURE, type TestOutcome } from '../harness/results/outcomes.ts';
import type { VitestRun } from '../harness/results/run-vitest.ts';

/** A run of kata 01's suites: [file name, status] per test; files whose setup failed. */
const run = (tests: [file: string, status: 'passed' | 'failed' | 'skipped'][], failedFiles: string[] = []): VitestRun => {
  const path = (name: string) => `katas/01-user/${name}`;
  const outcomes: TestOutcome[] = [
    ...tests.map(([name, status], index): TestOutcome => ({ file: path(name), ...locate(path(name)), name: `test ${index}`, status, message: status === 'failed' ? 'boom' : '' })),
    ...failedFiles.map((name): TestOutcome => ({ file: path(name), ...locate(path(name)), name: SETUP_FAILURE, status: 'failed', message: 'beforeAll failed', setup: true })),
  ];
  const files = [...new Set(outcomes.map((outcome) => outcome.file))].map((file) => ({ file, failed: outcomes.some((o) => o.file === file && o.status === 'failed') }));
  return { outcomes, files, reported: true, output: '', exitCode: 0, durationMs: 1 };
};

describe('applyMistake', () => {
  const mistake = { summary: 's', caughtBy: '5.2', file: 'f.ts', edits: [{ find: 'a = 1', replace: 'a = 2' }] };
  it('replaces text that occurs exactly once', () => {
    expect(applyMistake('let a = 1;', mistake, 'here')).toBe('let a = 2;');
  });
  it('fails loudly when the reference drifted (text missing or ambiguous)', () => {
    expect(() => applyMistake('let b = 1;', mistake, 'here')).toThrow(/exactly once .* found it 0 times/s);
    expect(() => applyMistake('a = 1; a = 1;', mistake, 'here')).toThrow(/found it 2 times/);
  });
  it('treats $ in the replacement literally', () => {
    expect(applyMistake('a = 1', { ...mistake, edits: [{ find: 'a = 1', replace: 'a = `$&${x}`' }] }, 'here')).toBe('a = `$&${x}`');
  });
});

describe('parseVerifyMode', () => {
  it('accepts the three modes and rejects anything else', () => {
    expect(parseVerifyMode(undefined)).toEqual({ kind: 'stubs' });
    expect(parseVerifyMode('reference')).toEqual({ kind: 'reference' });
    expect(parseVerifyMode('mistake:01-user/hard-delete')).toEqual({ kind: 'mistake', kata: '01-user', name: 'hard-delete' });
    expect(parseVerifyMode('mutant:02-supplier/tables.ts@/tmp/m/7.ts')).toEqual({ kind: 'mutant', kata: '02-supplier', file: 'tables.ts', source: '/tmp/m/7.ts' });
    expect(parseVerifyMode('exercise:04-product/5.3')).toEqual({ kind: 'exercise', kata: '04-product', exercise: '5.3' });
    expect(() => parseVerifyMode('solutions')).toThrow(/KATA_VERIFY_MODE/);
  });
});

describe('verdicts', () => {
  it('allPass needs at least one test, all passing, none skipped', () => {
    expect(allPass(run([['5.1-ddl.test.ts', 'passed']])).ok).toBe(true);
    expect(allPass(run([])).ok).toBe(false);
    expect(allPass(run([['5.1-ddl.test.ts', 'passed'], ['5.2-dal.test.ts', 'skipped']])).ok).toBe(false);
  });
  it('allFail rejects any passing test: a test that passes on the stubs cannot fail', () => {
    expect(allFail(run([['5.1-ddl.test.ts', 'failed'], ['5.2-dal.test.ts', 'skipped']], ['5.2-dal.test.ts'])).ok).toBe(true);
    const verdict = allFail(run([['5.1-ddl.test.ts', 'failed'], ['5.1-ddl.test.ts', 'passed']]));
    expect(verdict.ok).toBe(false);
    expect(verdict.details[0]).toContain('passes on the stubs');
  });
  it('mistakeVerdict: caught by its own exercise, and nothing fails elsewhere but declared exercises and end-to-end files', () => {
    const mistake = { caughtBy: '5.2' };
    expect(mistakeVerdict(run([['5.2-dal.test.ts', 'failed'], ['5.3-consumer.test.ts', 'passed']]), mistake)).toMatchObject({ ok: true, got: '5.2 ✗1' });
    expect(mistakeVerdict(run([['5.2-dal.test.ts', 'failed'], ['5.3-consumer.e2e.test.ts', 'failed']]), mistake)).toMatchObject({ ok: true, got: '5.2 ✗1 · e2e ✗1' });
    const spilled = mistakeVerdict(run([['5.2-dal.test.ts', 'failed'], ['5.3-consumer.test.ts', 'failed']]), mistake);
    expect(spilled).toMatchObject({ ok: false, got: '5.2 ✗1 · 5.3 ✗1 (!)' });
    expect(spilled.details[0]).toContain('exercise 5.3 fails too');
    expect(mistakeVerdict(run([['5.1-ddl.test.ts', 'failed'], ['5.2-dal.test.ts', 'failed']]), { caughtBy: '5.1', mayAlsoFail: ['5.2'] }).ok).toBe(true);
  });
  it('mistakeVerdict: an end-to-end failure alone is no catch, and a file whose setup failed counts', () => {
    const gap = mistakeVerdict(run([['5.3-consumer.e2e.test.ts', 'failed'], ['5.3-consumer.test.ts', 'passed']]), { caughtBy: '5.3' });
    expect(gap).toMatchObject({ ok: false, got: 'e2e ✗1' });
    expect(gap.details[0]).toContain('the suite has a gap');
    expect(mistakeVerdict(run([['5.2-dal.test.ts', 'skipped']], ['5.2-dal.test.ts']), { caughtBy: '5.2' })).toMatchObject({ ok: true, got: '5.2 ✗1' });
  });
});

describe('the verify tables side by side (ci.yml\'s job summary)', () => {
  it('puts each check of each server in one row, and shows a missing report', () => {
    const report = (server: string, ok: boolean): VerifyReport => ({
      server,
      passed: ok ? 2 : 1,
      failed: ok ? 0 : 1,
      checks: [
        { group: '01-user', name: 'stubs', expected: 'all fail', got: '0/29 passed', ok: true },
        { group: '01-user', name: 'reference, TZ=UTC', expected: 'all pass', got: ok ? '29/29 passed' : '28/29 passed', ok },
      ],
    });
    const markdown = sideBySide([report('MySQL 8.4.6', true), report('MariaDB 10.11.19', false), { missing: 'reports/x.json' }]);
    expect(markdown).toContain('| kata | check | expected | MySQL 8.4.6: 2 passed, 0 failed | MariaDB 10.11.19: 1 passed, 1 failed | reports/x.json: no report |');
    expect(markdown).toContain('| 01-user | reference, TZ=UTC | all pass | ✓ 29/29 passed | ✗ 28/29 passed | - |');
  });
});

describe('the suites a mistake can change (verifier/dependents.ts)', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const suites = ['katas/01-user/5.1-ddl.test.ts', 'katas/01-user/5.2-dal.test.ts', 'katas/01-user/5.3-consumer.test.ts'];
  it('follows the imports as the verifier runs them (the reference in place of the stubs)', () => {
    expect(suitesReaching(root, suites, '01-user', 'tables.ts')).toEqual(['katas/01-user/5.1-ddl.test.ts', 'katas/01-user/5.2-dal.test.ts']);
    expect(suitesReaching(root, suites, '01-user', 'user-dal.ts')).toEqual(['katas/01-user/5.2-dal.test.ts', 'katas/01-user/5.3-consumer.test.ts']);
    expect(suitesReaching(root, suites, '01-user', 'user-consumer.ts')).toEqual(['katas/01-user/5.3-consumer.test.ts']);
  });
  it('counts static, re-exported and dynamic imports, not `import type` (erased before the code runs)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'kata-imports-'));
    try {
      writeFileSync(
        join(folder, 'a.ts'),
        "import type { T } from './types.ts';\nimport {\n  b,\n  type C,\n} from './b.ts';\nexport { d } from './d.ts';\nimport './e.ts';\nconst f = await import('./f.ts');\n",
      );
      expect(runtimeImports(join(folder, 'a.ts')).map((file) => basename(file)).sort()).toEqual(['b.ts', 'd.ts', 'e.ts', 'f.ts']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('one exercise stubbed, the others solved (verifier/exercise-stubs.ts, exercise-rows.ts)', () => {
  const root = fileURLToPath(new URL('..', import.meta.url));

  it('reads which exercise each stub holds from its notImplemented calls, or from its doc comment (tables.ts)', () => {
    expect(exercisesOfStub("throw notImplemented('04-product', '5.2', 'ProductDAL.insertProduct'); throw notImplemented('04-product', '5.3', 'ProductDAL.replaceVariants');")).toEqual(['5.2', '5.3']);
    expect(exercisesOfStub('/**\n * Exercise 5.1 (DDL): the CREATE TABLE statements of kata 04.\n */\nexport const tables: string[] = [];')).toEqual(['5.1']);
    expect(() => exercisesOfStub('export const x = 1;', 'katas/x/y.ts')).toThrow(/katas\/x\/y\.ts .* which exercise/);
  });

  it("takes a whole stub when it holds only that exercise, and only the exercise's members of a DAL that holds two (katas 04 and 07)", () => {
    expect(Object.fromEntries(exercisePlan(root, '04-product', '5.3'))).toEqual({
      'product-consumer.ts': { kind: 'reference' },
      'product-dal.ts': { kind: 'mixed', members: ['ProductDAL.replaceVariants'] },
      'tables.ts': { kind: 'reference' },
    });
    expect(exercisePlan(root, '07-order', '5.2').get('order-dal.ts')).toEqual({ kind: 'mixed', members: ['OrderDAL.upsertOrder', 'OrderDAL.cancelOrder'] });
    expect(exercisePlan(root, '01-user', '5.1').get('tables.ts')).toEqual({ kind: 'stub' });
  });

  it("a mixed module is the reference's class, extended, with the stub's methods", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kata-mixed-'));
    try {
      writeFileSync(join(folder, 'reference.mjs'), 'export class Dal { a() { return "ref a"; } b() { return "ref b"; } }\nexport const other = 1;\n');
      writeFileSync(join(folder, 'stub.mjs'), 'export class Dal { a() { return "stub a"; } b() { return "stub b"; } }\n');
      writeFileSync(join(folder, 'mixed.mjs'), mixedModule(join(folder, 'reference.mjs'), join(folder, 'stub.mjs'), ['Dal.b']));
      const mixed = await import(join(folder, 'mixed.mjs'));
      const dal = new mixed.Dal();
      expect([dal.a(), dal.b(), mixed.other, mixed.Dal.name]).toEqual(['ref a', 'stub b', 1, 'Dal']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("its verdict: every test of the exercise fails, none before its tests, every earlier exercise's test passes", () => {
    expect(exerciseStubVerdict(run([['5.2-dal.test.ts', 'failed'], ['5.1-ddl.test.ts', 'passed']]), '5.2')).toMatchObject({ ok: true, got: '5.2: 0/1 passed · earlier: 1/1 passed' });
    const free = exerciseStubVerdict(run([['5.2-dal.test.ts', 'failed'], ['5.2-dal.test.ts', 'passed']]), '5.2');
    expect(free.ok).toBe(false);
    expect(free.details[0]).toContain('passes with only 5.2 stubbed');
    const unloaded = exerciseStubVerdict(run([['5.2-dal.test.ts', 'skipped']], ['5.2-dal.test.ts']), '5.2');
    expect(unloaded.ok).toBe(false);
    expect(unloaded.details[0]).toContain('katas/01-user/5.2-dal.test.ts failed before its tests, with only 5.2 stubbed: beforeAll failed');
    const blamed = exerciseStubVerdict(run([['5.2-dal.test.ts', 'failed'], ['5.1-ddl.test.ts', 'failed']]), '5.2');
    expect(blamed.ok).toBe(false);
    expect(blamed.details[0]).toContain('earlier exercise, with 5.2 stubbed');
  });
});
