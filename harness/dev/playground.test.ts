/**
 * The playground, as a user runs it: `npm run service` in two terminals share one database and
 * one broker, kept by a process of their own; kill -9 of the instance that started them loses
 * nothing (the broker keeps its events for the other instances and the next one);
 * `npm run service -- --stop` stops everything; servers found gone are reported with what that lost.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { localKafkaAvailable } from '../servers/local-kafka.ts';
import { localMysqlAvailable } from '../servers/local-mysql.ts';
import { capture, isAlive } from '../servers/processes.ts';
import { newObjectId } from '../events/envelope.ts';
import { buildUser, userEvent } from '../events/user.ts';
import { buildSupplier, supplierEvent } from '../events/supplier.ts';
import { buildProduct, buildVariant, productEvent } from '../events/product.ts';
import { topicOf, type EventEnvelope, type EventType } from '../events/contract.ts';
import { connectBroker } from '../kafka/broker.ts';

const REFERENCE_HOOKS = fileURLToPath(new URL('../../spec/reference-hooks.ts', import.meta.url));

/** events published while the instance that started the servers is killed (KATA_FAULT_BURST: more, as faults.e2e takes it) */
const BURST = Number(process.env.KATA_FAULT_BURST ?? 500);

const stateDir = mkdtempSync(join(tmpdir(), 'kata-playground-'));
const prefix = `kt-pg-${randomBytes(3).toString('hex')}-`;
const children: ChildProcess[] = [];
afterAll(async () => {
  // only after a failure is anything left: the describe's --stop has stopped the servers
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  await Promise.all(running.map((child) => new Promise((resolve) => child.once('exit', resolve).kill('SIGKILL'))));
  rmSync(stateDir, { recursive: true, force: true });
});

/** The environment of a terminal with no server variables: the playground's own servers. */
function terminal(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, KATA_STATE_DIR: stateDir, KATA_PROVIDER: 'local', KATA_TOPIC_PREFIX: prefix, FORCE_COLOR: '0', NO_COLOR: '1' };
  delete env.KATA_MYSQL_URL;
  delete env.KATA_KAFKA_BROKERS;
  return env;
}

function service(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  // the reference solutions in place of the katas (a maintainers' proof: the template has no spec/),
  // so that every good event of the burst must be stored, none dead-lettered
  const child = spawn(process.execPath, ['--import', REFERENCE_HOOKS, fileURLToPath(new URL('../main.ts', import.meta.url))], { env: terminal(), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return { child, output: () => output, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

/** A tool as a user runs it: ../main is `npm run service` itself (for --stop). */
const tool = (name: string, args: string[]) => capture(process.execPath, [fileURLToPath(new URL(`../cli/${name}.ts`, import.meta.url)), ...args], { env: terminal() });

function keeperPid(): number {
  return (JSON.parse(readFileSync(join(stateDir, 'dev', 'endpoints.json'), 'utf8')) as { owner: number }).owner;
}

describe.skipIf(!localMysqlAvailable() || !localKafkaAvailable())('the playground', () => {
  afterAll(async () => {
    await tool('../main', ['--stop']);
  });

  it('keeps its servers, and the events they hold, when the instance that started them is killed; --stop stops everything', async () => {
    const first = service();
    await expect.poll(first.output, { timeout: 60_000, interval: 100 }).toContain('consuming');
    expect(first.output()).toContain('MySQL data kept in .kata/dev/mysql');
    const keeper = keeperPid();
    expect(keeper).not.toBe(first.child.pid);

    const second = service();
    await expect.poll(second.output, { timeout: 45_000, interval: 100 }).toContain('consuming');
    expect(second.output()).toContain(`The playground's servers (keeper pid ${keeper}`);
    expect(second.output()).toContain('2 npm run service instances now');
    const database = /into (mysql:\/\/\S+)/.exec(first.output())![1];
    expect(second.output()).toContain(`into ${database}`);

    // a burst on the playground's broker; kill -9 the instance that started the servers in the middle of it
    const brokers = (JSON.parse(readFileSync(join(stateDir, 'dev', 'endpoints.json'), 'utf8')) as { brokers: string[] }).brokers;
    const producer = await connectBroker({ brokers, clientId: `${prefix}producer` }).producer();
    // mixed and distinct: users, suppliers, products with two variants each (child rows in one
    // transaction), each valid, each to its own topic; each must end as its rows
    const events: EventEnvelope<object>[] = Array.from({ length: BURST }, (_, index) => {
      if (index % 3 === 1) return supplierEvent('supplier.created', buildSupplier({ supplier_id: newObjectId() }));
      if (index % 3 === 2) {
        const variants = { 'red-xl': buildVariant({ sku: `BURST-${index}-R` }), 'navy-m': buildVariant({ sku: `BURST-${index}-N` }) };
        return productEvent('product.created', buildProduct({ product_id: newObjectId(), variants }));
      }
      return userEvent('user.created', buildUser({ user_id: newObjectId(), contact_info: { primary_email: `burst-${index}@example.com` } }));
    });
    const expected = { users: Math.ceil(BURST / 3), suppliers: Math.ceil((BURST - 1) / 3), products: Math.ceil((BURST - 2) / 3) };
    try {
      for (let from = 0; from < events.length; from += 250) {
        for (const [topic, batch] of Map.groupBy(events.slice(from, from + 250), (event) => topicOf(event.event_type as EventType))) {
          await producer.send(`${prefix}${topic}`, batch.map((event) => ({ key: event.entity_id, value: JSON.stringify(event) })));
        }
      }
    } finally {
      await producer.stop();
    }
    const logged = (outcome: string) => new Set([...`${first.output()}\n${second.output()}`.matchAll(new RegExp(`${outcome} +[a-z]+\\.created .*event_id=([0-9a-f-]{36})`, 'g'))].map((match) => match[1]));
    const accounted = () => logged('stored');
    await expect.poll(() => accounted().size, { timeout: 60_000, interval: 20 }).toBeGreaterThanOrEqual(BURST / 5);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(isAlive(keeper)).toBe(true);
    // every event of the burst is stored, by the killed instance before it died or by the other one
    // (the reference solutions run: a good event dead-lettered would be a loss)
    await expect.poll(() => accounted().size, { timeout: 120_000, interval: 200 }).toBe(BURST);
    expect(new Set(events.map((event) => event.event_id))).toEqual(accounted());
    expect([...logged('dead-lettered')], 'good events dead-lettered').toEqual([]);
    const rows = await tool('sql', [
      `SELECT (SELECT COUNT(*) FROM users WHERE email LIKE 'burst-%') AS u, (SELECT COUNT(*) FROM suppliers) AS s, ` +
        `(SELECT COUNT(*) FROM products) AS p, (SELECT COUNT(*) FROM product_variants WHERE sku LIKE 'BURST-%') AS v`,
    ]);
    const counts = /\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|/.exec(rows.output)?.slice(1).map(Number);
    expect(counts, `every document of the burst is its rows:\n${rows.output}`).toEqual([expected.users, expected.suppliers, expected.products, 2 * expected.products]);
    const emit = await tool('emit', ['user.created']);
    expect(emit.output).toContain(`to ${prefix}users`);
    expect(emit.code).toBe(0);
    const eventId = /event_id[=: ]+"?([0-9a-f-]{36})/.exec(emit.output)?.[1];
    await expect.poll(second.output, { timeout: 30_000, interval: 100 }).toMatch(new RegExp(`stored.*${eventId ?? 'user.created'}`));
    const sql = await tool('sql', ['SELECT DATABASE() AS db']);
    expect(sql.output).toContain('analytics');

    // a restarted instance finds the same servers again
    const third = service();
    await expect.poll(third.output, { timeout: 45_000, interval: 100 }).toContain('consuming');
    expect(third.output()).toContain(`The playground's servers (keeper pid ${keeper}`);
    expect(third.output()).not.toContain('are gone');

    const stop = await tool('../main', ['--stop']);
    expect(stop.output).toContain("stopped the playground's servers");
    expect(stop.code).toBe(0);
    expect(await second.exited).toBe(0);
    expect(await third.exited).toBe(0);
    // each instance's last line tells the truth about the servers
    expect(second.output()).toContain("stopped (npm run service -- --stop is stopping the playground's servers too)");
    expect(isAlive(keeper)).toBe(false);
    expect(existsSync(join(stateDir, 'dev', 'endpoints.json'))).toBe(false);
    const after = await tool('sql', ['SELECT 1']);
    expect(after.output).toContain('The service is not running');
    expect(after.code).toBe(1);
  }, 300_000);

  it('says that unconsumed events were lost when it finds its servers gone (a reboot, a kill)', async () => {
    const first = service();
    await expect.poll(first.output, { timeout: 60_000, interval: 100 }).toContain('consuming');
    const keeper = keeperPid();
    process.kill(keeper, 'SIGKILL');
    await expect.poll(first.output, { timeout: 15_000, interval: 100 }).toContain(`The playground's servers (keeper pid ${keeper}) have stopped`);
    expect(await first.exited).toBe(1);

    const next = service();
    // 'Try it:' comes once the instance handles SIGTERM ('consuming' may come a moment before)
    await expect.poll(next.output, { timeout: 60_000, interval: 100 }).toContain('Try it:');
    expect(next.output()).toContain(`The playground's previous servers are gone (keeper pid ${keeper}`);
    expect(next.output()).toContain('events published to it that were not consumed yet are lost');
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);
  }, 180_000);
});
