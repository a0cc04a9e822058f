/**
 * Provisioning: the path choice, the message when nothing is available, and that local servers
 * leave nothing behind, even when the process that started them is killed.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { localKafkaAvailable } from './local-kafka.ts';
import { localMysqlAvailable, startLocalMysql } from './local-mysql.ts';
import { NoEnvironmentError, provisionEnvironment } from './provision.ts';
import { isAlive as alive } from './processes.ts';
import { kataEnvironment } from '../provided.ts';

const saved = { ...process.env };
afterEach(() => {
  for (const key of ['KATA_PROVIDER', 'KATA_MYSQL_URL', 'KATA_KAFKA_BROKERS']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

describe('provisioning', () => {
  it('explains the three ways to get going when no server is available', async () => {
    process.env.KATA_PROVIDER = 'env';
    delete process.env.KATA_MYSQL_URL;
    const error = await provisionEnvironment({ kafka: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoEnvironmentError);
    const message = (error as Error).message;
    expect(message).toContain('Docker');
    expect(message).toContain('sudo apt-get install mariadb-server kcat');
    expect(message).toContain('brew install mariadb kcat');
    expect(message).toContain('KATA_MYSQL_URL=');
  });

  it('rejects an unknown KATA_PROVIDER', async () => {
    process.env.KATA_PROVIDER = 'cloud';
    await expect(provisionEnvironment({ kafka: false })).rejects.toThrow('KATA_PROVIDER must be env, docker or local');
  });

  it('uses KATA_MYSQL_URL when it is set, and names the server and version', async () => {
    process.env.KATA_MYSQL_URL = kataEnvironment().mysqlUrl;
    const environment = await provisionEnvironment({ kafka: false });
    expect(environment.summary).toMatch(/^Test environment: (MySQL|MariaDB) \d+\.\d+\.\d+ \(from the environment\) · no Kafka/);
    expect(environment.kafkaBrokers).toBeNull();
    await environment.stop();
  });
});

describe.skipIf(!localMysqlAvailable() || !localKafkaAvailable())('local servers', () => {
  it('start a throwaway MariaDB/MySQL in utf8mb4 and remove it completely on stop()', async () => {
    process.env.KATA_PROVIDER = 'local';
    delete process.env.KATA_MYSQL_URL;
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
