/**
 * In a terminal the consumer colours its log lines (styleText): kata 00's smoke test, and every
 * end-to-end test that reads the log, must read the text, not the colour codes. (A `vitest run`
 * outside a terminal never sees them: this runs the smoke suite with colours forced.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../learn/state.ts';
import { capture } from '../servers/processes.ts';
import { kataEnvironment } from './provided.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'kata-terminal-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

describe('the end-to-end pipeline in a terminal', () => {
  it("reads the consumer's log lines without their colours: kata 00's smoke test passes with colours on", async () => {
    const environment = kataEnvironment();
    const { output } = await capture(process.execPath, [join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'katas/00-setup/smoke.e2e.test.ts'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        KATA_MYSQL_URL: environment.mysqlUrl,
        KATA_KAFKA_BROKERS: environment.kafkaBrokers!.join(','),
        KATA_PROVIDER: 'env',
        KATA_VERIFY_MODE: '',
        KATA_STATE_DIR: stateDir,
        CI: 'true',
        FORCE_COLOR: '1',
      },
    });
    const text = output.replace(/\x1b\[[0-9;]*m/g, '');
    expect(text, text).toMatch(/Tests +3 passed \(3\)/);
  }, 120_000);
});
