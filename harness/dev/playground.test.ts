/**
 * Scale-out in the playground, as a user does it: two `npm run service` in two terminals. The
 * second joins the first one's database and broker (one consumer group, no second MariaDB on the
 * same data folder); stopping the first keeps the servers up for the second, so `npm run sql` and
 * `npm run emit` keep working; stopping the last one stops everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { localKafkaAvailable } from '../servers/local-kafka.ts';
import { localMysqlAvailable } from '../servers/local-mysql.ts';
import { capture, isAlive } from '../servers/processes.ts';

const stateDir = mkdtempSync(join(tmpdir(), 'kata-playground-'));
const prefix = `kt-pg-${randomBytes(3).toString('hex')}-`;
const children: ChildProcess[] = [];
afterAll(async () => {
  // only after a failure is anything left: the servers' watchdog stops them once their owner is gone
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
  const child = spawn(process.execPath, [fileURLToPath(new URL('../main.ts', import.meta.url))], { env: terminal(), stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return { child, output: () => output, exited: new Promise((resolve) => child.once('exit', resolve)) };
}

const tool = (name: string, args: string[]) => capture(process.execPath, [fileURLToPath(new URL(`../cli/${name}.ts`, import.meta.url)), ...args], { env: terminal() });

describe.skipIf(!localMysqlAvailable() || !localKafkaAvailable())('two npm run service instances', () => {
  it('share one database and broker, and the tools work while either runs', async () => {
    const first = service();
    await expect.poll(first.output, { timeout: 30_000, interval: 100 }).toContain('consuming');
    expect(first.output()).toContain('MySQL data kept in .kata/dev/mysql');

    const second = service();
    await expect.poll(second.output, { timeout: 45_000, interval: 100 }).toContain('consuming');
    expect(second.output()).toContain(`Joining the servers of the npm run service with pid ${first.child.pid} (2 instances now)`);
    expect(second.output()).not.toContain('MySQL data kept in'); // it started no server of its own
    const database = /into (mysql:\/\/\S+)/.exec(first.output())![1];
    expect(second.output()).toContain(`into ${database}`);
    expect(readdirSync(join(stateDir, 'dev', 'instances')).map(Number).sort()).toEqual([first.child.pid, second.child.pid].sort());

    // the owner stops: it leaves the group at once but keeps the servers for the other instance
    first.child.kill('SIGTERM');
    await expect.poll(first.output, { timeout: 15_000, interval: 100 }).toContain(`1 other npm run service (pid ${second.child.pid}) still uses this instance's database and broker`);
    expect(isAlive(first.child.pid!)).toBe(true);

    const sql = await tool('sql', ['SELECT DATABASE() AS db']);
    expect(sql.output).toContain('analytics');
    expect(sql.code).toBe(0);
    const emit = await tool('emit', ['user.created']);
    expect(emit.output).toContain(`to ${prefix}users`);
    expect(emit.code).toBe(0);

    // the last instance stops: then the owner stops the servers and ends too
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(await first.exited).toBe(0);
    expect(first.output().trimEnd().endsWith('stopped')).toBe(true);
    expect(existsSync(join(stateDir, 'dev', 'endpoints.json'))).toBe(false);
    const after = await tool('sql', ['SELECT 1']);
    expect(after.output).toContain('The service is not running');
    expect(after.code).toBe(1);
  }, 120_000);
});
