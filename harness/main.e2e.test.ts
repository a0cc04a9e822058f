/**
 * The bootstrap as a user runs it: `node harness/main.ts` connects, applies the katas' tables,
 * registers their handlers, logs one line per event, and shuts down cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EventType } from './events/contract.ts';
import { buildUser, userEvent } from './events/user.ts';
import { connectBroker } from './kafka/broker.ts';
import { databaseUrl, dropDatabase, newDatabaseName } from './testing/database-admin.ts';
import { kataEnvironment } from './testing/provided.ts';

const environment = kataEnvironment();
const database = newDatabaseName(environment.runId);
const prefix = `kt-svc-${randomBytes(3).toString('hex')}-`;
afterAll(() => dropDatabase(environment.mysqlUrl, database));

describe('npm run service (harness/main.ts)', () => {
  it('starts, reports each kata, logs every event, and stops on SIGTERM after finishing its work', async () => {
    const child = spawn(process.execPath, [fileURLToPath(new URL('./main.ts', import.meta.url))], {
      env: {
        ...process.env,
        KATA_MYSQL_URL: databaseUrl(environment.mysqlUrl, database),
        KATA_KAFKA_BROKERS: environment.kafkaBrokers!.join(','),
        KATA_TOPIC_PREFIX: prefix,
        FORCE_COLOR: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

    await expect.poll(() => output, { timeout: 20_000, interval: 50 }).toContain('consuming');
    expect(output).toMatch(/01-user: /);
    expect(output).toContain(`consuming ${prefix}users`);

    // The repo's own kata 01 may be unsolved (stubs): either way the event must be accounted for in the log.
    const producer = await connectBroker({ brokers: environment.kafkaBrokers!, clientId: `${prefix}test` }).producer();
    const event = userEvent(EventType.USER_CREATED, buildUser());
    await producer.send(`${prefix}users`, [{ key: event.entity_id, value: JSON.stringify(event) }]);
    await producer.stop();
    await expect.poll(() => output, { timeout: 15_000, interval: 50 }).toMatch(new RegExp(`(stored|dead-lettered)\\s+user\\.created .*event_id=${event.event_id}`));

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM: finishing the event in flight');
    expect(output.trimEnd().endsWith('stopped')).toBe(true);
  }, 45_000);
});
