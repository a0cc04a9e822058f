/**
 * The playground as a user runs it: `npm run service` (harness/main.ts) connects, applies the
 * katas' tables, registers their handlers; `npm run emit` publishes an event; the service logs one
 * line for it; SIGTERM shuts it down cleanly.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { capture } from './servers/processes.ts';
import { databaseUrl, dropDatabase, newDatabaseName } from './testing/database-admin.ts';
import { kataEnvironment } from './testing/provided.ts';

const environment = kataEnvironment();
const database = newDatabaseName(environment.runId);
const prefix = `kt-svc-${randomBytes(3).toString('hex')}-`;
afterAll(() => dropDatabase(environment.mysqlUrl, database));

describe('npm run service (harness/main.ts)', () => {
  it('starts, reports each kata, logs every event, and stops on SIGTERM after finishing its work', async () => {
    const serviceEnv = {
      ...process.env,
      KATA_MYSQL_URL: databaseUrl(environment.mysqlUrl, database),
      KATA_KAFKA_BROKERS: environment.kafkaBrokers!.join(','),
      KATA_TOPIC_PREFIX: prefix,
      FORCE_COLOR: '0',
    };
    const child = spawn(process.execPath, [fileURLToPath(new URL('./main.ts', import.meta.url))], { env: serviceEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

    await expect.poll(() => output, { timeout: 20_000, interval: 50 }).toContain('consuming');
    expect(output).toMatch(/01-user: /);
    expect(output).toContain(`consuming ${prefix}users`);

    // trigger with `npm run emit`, as a student would; the repo's own kata 01 may be unsolved
    // (stubs), so the event is either stored or dead-lettered, but always accounted for in the log
    const emit = await capture(process.execPath, [fileURLToPath(new URL('./cli/emit.ts', import.meta.url)), 'user.created', '--contact_info.primary_email', 'emit@example.com', '--version', '7'], { env: serviceEnv });
    expect(emit.code, emit.output).toBe(0);
    const eventId = /event_id=([0-9a-f-]{36}) to (\S+)/.exec(emit.output);
    expect(eventId?.[2]).toBe(`${prefix}users`);
    expect(emit.output).toContain('"primary_email": "emit@example.com"');
    expect(emit.output).toContain('"version": 7');
    await expect.poll(() => output, { timeout: 15_000, interval: 50 }).toMatch(new RegExp(`(stored|dead-lettered)\\s+user\\.created .*event_id=${eventId![1]}`));

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM: finishing the event in flight');
    expect(output.trimEnd().endsWith('stopped')).toBe(true);
  }, 45_000);
});
