/**
 * The verifier's batches (verifier/batch.ts): many verification runs in one vitest process must
 * give each run the result it would get alone: its own modules (stubs, reference or a mistake),
 * its own time zone, its own outcomes.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { kataEnvironment } from '../harness/testing/provided.ts';
import { modeCanChange } from './redirect.ts';
import { runBatch } from './verifier/batch.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('modeCanChange (which modules get a cache key of their verification mode)', () => {
  it('a kata module, a solution, and any module importing a kata module', () => {
    expect(modeCanChange(root, `${root}katas/01-user/user-dal.ts`, '')).toBe(true);
    expect(modeCanChange(root, `${root}spec/solutions/01-user/user-dal.ts`, '')).toBe(true);
    expect(modeCanChange(root, `${root}harness/kata-wiring.ts`, "await import('../katas/01-user/tables.ts')")).toBe(true);
  });
  it('not the harness modules that import no kata module: those are transformed once for every run', () => {
    expect(modeCanChange(root, `${root}harness/testing/database.ts`, "import mysql from 'mysql2/promise';")).toBe(false);
  });
});

describe('runBatch', () => {
  it('runs stubs, the reference and a mistake side by side in one process, each with its own modules and time zone', async () => {
    const environment = kataEnvironment();
    const include = ['katas/01-user/5.1-ddl.test.ts', 'katas/01-user/5.3-consumer.test.ts', 'spec/verifier/fixtures/time-zone.test.ts'];
    const results = await runBatch({
      root,
      maxWorkers: 2,
      env: { ...process.env, KATA_MYSQL_URL: environment.mysqlUrl, KATA_PROVIDER: 'env', KATA_KAFKA: 'never', KATA_VERIFY_MODE: '', TZ: 'UTC' },
      runs: [
        { name: 'stubs', mode: 'stubs', include, env: { TZ: 'UTC' } },
        { name: 'reference', mode: 'reference', include, env: { TZ: 'Asia/Kolkata' } },
        { name: 'local-time', mode: 'mistake:01-user/timestamps-in-local-time', include, env: { TZ: 'America/Los_Angeles' } },
      ],
    });
    const kataOutcomes = (name: string) => results.get(name)!.outcomes.filter((outcome) => outcome.kata === '01-user');
    const failing = (name: string) => kataOutcomes(name).filter((outcome) => outcome.status === 'failed');
    const passing = (name: string) => kataOutcomes(name).filter((outcome) => outcome.status === 'passed');
    expect(passing('stubs'), 'the stubs pass nothing').toEqual([]);
    expect(failing('reference').map((outcome) => `${outcome.name}: ${outcome.message}`), 'the reference fails nothing').toEqual([]);
    expect(passing('reference').length).toBeGreaterThan(10);
    expect(failing('local-time').length, 'the mistake is caught').toBeGreaterThan(0);
    expect(failing('local-time').every((outcome) => outcome.exercise === '5.3'), 'and only by 5.3').toBe(true);
    const zone = (name: string) => results.get(name)!.outcomes.find((outcome) => outcome.file.endsWith('time-zone.test.ts'))?.name;
    expect([zone('stubs'), zone('reference'), zone('local-time')]).toEqual(['runs 0 minutes behind UTC', 'runs -330 minutes behind UTC', 'runs 480 minutes behind UTC']);
  }, 120_000);

  it("one exercise stubbed in a DAL that holds two (kata 04's 5.3): the stub's method, the reference's others; again from vitest's module cache", async () => {
    const environment = kataEnvironment();
    const run = { name: 'stubs of 5.3', mode: 'exercise:04-product/5.3', include: ['katas/04-product/5.2-dal.test.ts', 'katas/04-product/5.3-dal-variants.test.ts'], env: { TZ: 'UTC', KATA_PROPERTY_SHRINK: 'off' } };
    const env = { ...process.env, KATA_MYSQL_URL: environment.mysqlUrl, KATA_PROVIDER: 'env', KATA_KAFKA: 'never', KATA_VERIFY_MODE: '', TZ: 'UTC' };
    // the second run reuses the first one's transforms: the mixed module's imports come back as paths from the root
    for (const attempt of ['fresh', 'cached']) {
      const outcomes = (await runBatch({ root, maxWorkers: 2, env, runs: [run] })).get(run.name)!.outcomes;
      const summary = (exercise: string) => outcomes.filter((outcome) => outcome.exercise === exercise).map((outcome) => (outcome.setup ? `setup: ${outcome.message.split('\n')[0]}` : outcome.status));
      expect(new Set(summary('5.2')), `${attempt}: 5.2 runs the reference's insertProduct and deleteProduct`).toEqual(new Set(['passed']));
      expect(new Set(summary('5.3')), `${attempt}: 5.3 meets the stub's replaceVariants`).toEqual(new Set(['failed']));
      expect(outcomes.filter((outcome) => outcome.exercise === '5.3').every((outcome) => outcome.message.startsWith('NotStarted: not implemented yet: exercise 5.3, ProductDAL.replaceVariants'))).toBe(true);
    }
  }, 180_000);
});
