/**
 * The servers wing: the way chosen, the message when nothing is available (and when a forced way
 * fails), the playground's persistent data folder, and that local servers leave nothing behind,
 * even when the process that started them is killed.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { kataEnvironment } from '../testing/provided.ts';
import type { Machine } from './docker.ts';
import { localKafkaAvailable } from './local-kafka.ts';
import { localMysqlAvailable, startLocalMysql } from './local-mysql.ts';
import { isAlive as alive } from './processes.ts';
import { NoServersError, startServers } from './start.ts';
import { startFakeEngine } from './fixtures/fake-engine.ts';

const saved = { ...process.env };
afterEach(() => {
  for (const key of ['KATA_PROVIDER', 'KATA_MYSQL_URL', 'KATA_KAFKA_BROKERS']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

const scratch = mkdtempSync(join(tmpdir(), 'kata-servers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A machine with nothing on it: no Docker where testcontainers looks, nothing elsewhere. */
function emptyMachine(name: string): Machine {
  const home = join(scratch, name);
  return { home, env: {}, platform: 'linux', uid: 1000, root: join(home, 'system-root') };
}

describe('choosing the servers', () => {
  it('explains the three ways to get going when no server is available', async () => {
    process.env.KATA_PROVIDER = 'env';
    delete process.env.KATA_MYSQL_URL;
    const error = await startServers({ kafka: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoServersError);
    const message = (error as Error).message;
    expect(message).toContain('KATA_PROVIDER=env, but KATA_MYSQL_URL is not set.');
    expect(message).toContain('Docker');
    expect(message).toContain('sudo apt-get install mariadb-server kcat');
    expect(message).toContain('brew install mariadb kcat');
    expect(message).toContain('KATA_MYSQL_URL=');
  });

  it('rejects an unknown KATA_PROVIDER', async () => {
    process.env.KATA_PROVIDER = 'cloud';
    await expect(startServers({ kafka: false })).rejects.toThrow('KATA_PROVIDER must be env, docker or local');
  });

  it('uses KATA_MYSQL_URL when it is set, and names the server and version', async () => {
    process.env.KATA_MYSQL_URL = kataEnvironment().mysqlUrl;
    const servers = await startServers({ kafka: false });
    expect(servers.summary).toMatch(/^(MySQL|MariaDB) \d+\.\d+\.\d+ \(from the environment\) · no Kafka/);
    expect(servers.kafkaBrokers).toBeNull();
    expect(servers.ways).toEqual({ mysql: 'env', kafka: null });
    await servers.stop();
  });

  it('KATA_PROVIDER=docker without an engine says what failed and the three ways, with no stack', async () => {
    process.env.KATA_PROVIDER = 'docker';
    delete process.env.KATA_MYSQL_URL;
    const error = (await startServers({ kafka: false, machine: emptyMachine('no-engine') }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(NoServersError);
    expect(error.message.split('\n')[0]).toBe(
      'KATA_PROVIDER=docker, but no Docker engine where testcontainers looks (DOCKER_HOST is not set, no ~/.testcontainers.properties, no /var/run/docker.sock or rootless socket).',
    );
    expect(error.message).toContain('Pick one of these three ways');
    expect(error.message).not.toMatch(/^\s+at /m);
  });

  it('KATA_PROVIDER=docker with an engine where testcontainers does not look gives the export line', async () => {
    process.env.KATA_PROVIDER = 'docker';
    delete process.env.KATA_MYSQL_URL;
    const machine = emptyMachine('colima');
    const engine = await startFakeEngine(join(machine.home, '.colima', 'default', 'docker.sock'));
    try {
      const error = (await startServers({ kafka: false, machine }).catch((e: unknown) => e)) as Error;
      expect(error.message.split('\n')[0]).toContain(`Colima answers at ${engine.socket}`);
      expect(error.message).toContain(`export DOCKER_HOST=unix://${engine.socket} TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE=/var/run/docker.sock`);
    } finally {
      await engine.close();
    }
  });
});

describe.skipIf(!localMysqlAvailable())('a persistent data folder (the playground)', () => {
  it('keeps the data across a stop and a start, and prefers the local server', async () => {
    delete process.env.KATA_PROVIDER;
    delete process.env.KATA_MYSQL_URL;
    const dataDir = join(scratch, 'persistent-mysql');
    const first = await startServers({ kafka: false, prefer: 'local', mysqlDataDir: dataDir, machine: emptyMachine('persistent') });
    expect(first.ways.mysql).toBe('local');
    await withConnection(first.mysqlUrl, async (connection) => {
      await connection.query('CREATE DATABASE kept');
      await connection.query('CREATE TABLE kept.notes (id INT PRIMARY KEY)');
      await connection.query('INSERT INTO kept.notes VALUES (42)');
    });
    await first.stop();
    expect(existsSync(dataDir)).toBe(true);
    const second = await startServers({ kafka: false, prefer: 'local', mysqlDataDir: dataDir, machine: emptyMachine('persistent') });
    try {
      const rows = await withConnection(second.mysqlUrl, async (connection) => (await connection.query('SELECT id FROM kept.notes'))[0]);
      expect(rows).toEqual([{ id: 42 }]);
    } finally {
      await second.stop();
    }
  }, 60_000);
});

describe.skipIf(!localMysqlAvailable() || !localKafkaAvailable())('local servers', () => {
  it('start a throwaway MariaDB/MySQL in utf8mb4 and remove it completely on stop()', async () => {
    const server = await startLocalMysql();
    const { pids, folder } = server.footprint!;
    expect(pids.every(alive)).toBe(true);
    expect(existsSync(folder!)).toBe(true);
    await server.stop();
    expect(pids.some(alive)).toBe(false);
    expect(existsSync(folder!)).toBe(false);
  });

  it('are cleaned up by the reaper when the process that started them is killed', async () => {
    const fixture = fileURLToPath(new URL('./fixtures/start-and-hang.ts', import.meta.url));
    const child = spawn(process.execPath, [fixture], { stdio: ['ignore', 'pipe', 'inherit'] });
    const footprint = await new Promise<{ mysql: { pids: number[]; folder: string }; kafka: { pids: number[] } }>((resolve, reject) => {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        if (output.includes('\n')) resolve(JSON.parse(output));
      });
      child.once('exit', (code) => reject(new Error(`fixture exited early (${code})`)));
    });
    const pids = [...footprint.mysql.pids, ...footprint.kafka.pids];
    expect(pids.every(alive)).toBe(true);
    child.kill('SIGKILL');
    await expect.poll(() => pids.filter(alive), { timeout: 15_000, interval: 100 }).toEqual([]);
    await expect.poll(() => existsSync(footprint.mysql.folder), { timeout: 5_000, interval: 100 }).toBe(false);
  }, 30_000);
});

async function withConnection<T>(url: string, fn: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await mysql.createConnection({ uri: url });
  try {
    return await fn(connection);
  } finally {
    await connection.end();
  }
}
