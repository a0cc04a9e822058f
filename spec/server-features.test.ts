/** A skip is excused only when declared and the server, asked directly, lacks the feature (spec/verifier/server-features.ts). */
import mysql from 'mysql2/promise';
import { describe, expect, inject, it } from 'vitest';
import { allPass } from './verifier/expectations.ts';
import { excuseFor, missingFeatures, SERVER_FEATURES, type ServerFeature } from './verifier/server-features.ts';
import type { TestOutcome } from '../harness/results/outcomes.ts';
import type { VitestRun } from '../harness/results/run-vitest.ts';

const uca: ServerFeature = { feature: 'no uca1400 collations', file: 'harness/testing/introspect.test.ts', test: /uca1400/, probe: 'SELECT 0', missingErrno: 1273 };
const outcome = (name: string, status: TestOutcome['status'], file = uca.file): TestOutcome => ({ file, name, status, message: '' });
const run = (outcomes: TestOutcome[]): VitestRun => ({ outcomes, files: [{ file: uca.file, failed: false }], reported: true, output: '', exitCode: 0, durationMs: 1 });

describe('a skip the server explains', () => {
  const outcomes = [outcome('reads a table', 'passed'), outcome('reads uca1400 collations', 'skipped')];

  it('passes, and the table says which feature the server lacks', () => {
    const verdict = allPass(run(outcomes), [uca]);
    expect(verdict).toMatchObject({ ok: true, got: '1/1 passed, 1 skipped: this server has no uca1400 collations' });
  });
  it('fails on a server that has the feature (the probe found it)', () => {
    expect(allPass(run(outcomes), []).ok).toBe(false);
    expect(allPass(run(outcomes)).got).toBe('1/2 passed');
  });
  it('does not excuse another skipped test, a failing one, or the same name in another file', () => {
    expect(allPass(run([...outcomes, outcome('reads a view', 'skipped')]), [uca]).ok).toBe(false);
    expect(excuseFor(outcome('reads uca1400 collations', 'failed'), [uca])).toBeUndefined();
    expect(excuseFor(outcome('reads uca1400 collations', 'skipped', 'harness/db/json.test.ts'), [uca])).toBeUndefined();
  });
  it('needs at least one passing test', () => {
    expect(allPass(run([outcome('reads uca1400 collations', 'skipped')]), [uca]).ok).toBe(false);
  });
});

describe("the declared probes, on this run's server", () => {
  it('say "missing" exactly when the server refuses the collation', async () => {
    const { mysqlUrl } = inject('kata');
    const missing = await missingFeatures(mysqlUrl);
    const connection = await mysql.createConnection({ uri: mysqlUrl });
    try {
      const accepted = await connection.query("SELECT CONVERT('a' USING utf8mb4) COLLATE utf8mb4_uca1400_ai_ci").then(() => true, () => false);
      expect(missing.some((feature) => feature === SERVER_FEATURES[0])).toBe(!accepted);
    } finally {
      await connection.end();
    }
  });
});
