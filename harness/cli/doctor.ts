/**
 * npm run doctor: checks what the tests need, says which way a test run would get its MySQL and
 * Kafka, and gives the one command that fixes each missing piece. Each situation is one line; a
 * line marked ✗ fails the check, ! is worth fixing but the tests can run without it.
 */
import { existsSync, readFileSync, statfsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, styleText } from 'node:util';
import { UsageError } from '../learn/katas.ts';
import { REPO_ROOT } from '../learn/state.ts';
import { runCli } from './run-cli.ts';
import { wslWarning } from './wsl.ts';

type Check = { name: string; ok: boolean | 'warn' | 'info'; found: string; fix?: string };

const FIX_NODE = 'macOS: brew install node@24 · Debian/Ubuntu and WSL: nvm install 24 (https://github.com/nvm-sh/nvm), then nvm use';

function reachable(address: string, timeoutMs = 2_000): Promise<boolean> {
  const [host, port] = address.replace(/^\w+:\/\//, '').split(':');
  return new Promise((resolve) => {
    const socket = createConnection({ host, port: Number(port) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * --suites: the harness's own suites (the pool, the event framework, the test servers, the
 * matchers), which a whole `npx vitest run` of the template leaves out (vitest.config.ts): they
 * prove the course's machinery on this machine, not a student's code. vitest's own report.
 */
async function harnessSuites(): Promise<number> {
  const { spawnSync } = await import('node:child_process');
  console.log('\nThe harness\'s own suites (a minute or two):');
  const vitest = join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  const run = spawnSync(process.execPath, [vitest, 'run', '--project', 'harness', '--reporter=default'], { cwd: REPO_ROOT, stdio: 'inherit', env: { ...process.env, KATA_HARNESS_SUITES: '1' } });
  return run.status ?? 1;
}

/** MariaDB 11.4 and later default to utf8mb4_uca1400_ai_ci, which older tools misread. */
function collationNote(version: string): string {
  const match = /(\d+)\.(\d+)\.\d+-MariaDB/i.exec(version);
  if (!match) return '';
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > 11 || (major === 11 && minor >= 4) ? '; default collation utf8mb4_uca1400_ai_ci, read correctly by the tests' : '';
}

runCli('npm run doctor [-- --suites]', async () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { suites: { type: 'boolean', default: false } } });
  if (positionals.length > 0) throw new UsageError(`npm run doctor takes no arguments but --suites (got ${positionals.join(' ')})`);
  const { findExecutable, isAlive, run } = await import('../servers/processes.ts');
  const { probeDocker } = await import('../servers/docker.ts');
  const { probeBroker } = await import('../servers/kafka-probe.ts');
  const { FIX } = await import('../servers/three-ways.ts');
  const { liveInstances, readRecord } = await import('../dev/environment.ts');
  const checks: Check[] = [];

  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  checks.push({ name: 'Node.js', ok: major > 22 || (major === 22 && minor >= 22), found: `v${process.versions.node} (22.22 or newer needed)`, fix: FIX_NODE });
  checks.push({ name: 'npm packages', ok: existsSync(join(REPO_ROOT, 'node_modules', 'vitest')), found: 'node_modules', fix: 'npm install' });

  const provider = process.env.KATA_PROVIDER || undefined;
  if (provider !== undefined && !['env', 'docker', 'local'].includes(provider)) {
    checks.push({ name: 'KATA_PROVIDER', ok: false, found: `"${provider}" is not a way`, fix: 'KATA_PROVIDER=env, docker or local, or unset it' });
  }

  const mysqlUrl = process.env.KATA_MYSQL_URL;
  const brokers = process.env.KATA_KAFKA_BROKERS;
  let mysqlFromEnv = false;
  let kafkaFromEnv = false;
  if (mysqlUrl) {
    const url = new URL(mysqlUrl);
    const address = `${url.hostname}:${url.port || 3306}`;
    mysqlFromEnv = await reachable(address);
    let version = '';
    if (mysqlFromEnv) {
      const mysql = (await import('mysql2/promise')).default;
      version = await mysql
        .createConnection({ uri: mysqlUrl, connectTimeout: 3_000 })
        .then(async (connection) => {
          const [rows] = await connection.query<import('mysql2/promise').RowDataPacket[]>('SELECT VERSION() AS version');
          await connection.end();
          return String(rows[0]?.version);
        })
        .catch((error: unknown) => `answers, but: ${error instanceof Error ? error.message : error}`);
    }
    checks.push({
      name: 'KATA_MYSQL_URL',
      ok: mysqlFromEnv,
      found: `${address} ${mysqlFromEnv ? `answers (${version}${collationNote(version)})` : 'does not answer'}`,
      fix: 'start that server, or unset KATA_MYSQL_URL',
    });
  } else {
    checks.push({ name: 'KATA_MYSQL_URL', ok: 'info', found: 'not set (fine: the tests start their own server)' });
  }
  if (brokers) {
    const first = brokers.split(',')[0]!.trim();
    const probe = await probeBroker(first);
    kafkaFromEnv = probe.ok;
    checks.push({
      name: 'KATA_KAFKA_BROKERS',
      ok: probe.ok,
      found: probe.ok ? `${first} answers, and so does the address it advertises (${probe.advertised.join(',')})` : probe.reason,
      fix: probe.advertised
        ? "the broker's advertised listener is wrong: set its KAFKA_ADVERTISED_LISTENERS to an address this machine reaches"
        : 'start that broker, or unset KATA_KAFKA_BROKERS',
    });
  } else {
    checks.push({ name: 'KATA_KAFKA_BROKERS', ok: 'info', found: 'not set (fine: the tests start their own broker)' });
  }

  const docker = await probeDocker();
  if (docker.ok) {
    checks.push({ name: 'Docker', ok: true, found: `an engine answers at ${docker.where} (MySQL 8.4 and Kafka in containers)` });
  } else {
    const engine = docker.elsewhere[0];
    checks.push({
      name: 'Docker',
      ok: provider === 'docker' ? false : engine ? 'warn' : 'info',
      found: engine ? `${engine.engine} answers at ${engine.socket}, where testcontainers does not look` : docker.reason,
      fix: engine ? engine.exportLine : `${FIX.docker}${provider === 'docker' ? ', or unset KATA_PROVIDER' : ''}`,
    });
  }
  if (process.env.TESTCONTAINERS_REUSE_ENABLE === 'true') {
    checks.push({
      name: 'Container reuse',
      ok: 'info',
      found: 'on: containers outlive the run; a reused Kafka that advertises a dead port (after a restart) is replaced by a fresh one',
    });
  }

  const server = findExecutable('mariadbd', 'mysqld');
  const serverVersion = server ? (await run(server, ['--version']).catch(() => '')).trim().replace(/\s+/g, ' ') : '';
  checks.push({
    name: 'MariaDB/MySQL server',
    ok: server ? true : provider === 'local' ? false : 'info',
    found: server ? `${server} (${/Ver\s+(\S+)/.exec(serverVersion)?.[1] ?? serverVersion.slice(0, 50)}${collationNote(serverVersion)})` : 'no mariadbd or mysqld found',
    fix: FIX.mysql,
  });
  const kcat = findExecutable('kcat', 'kafkacat');
  checks.push({ name: 'kcat', ok: kcat ? true : provider === 'local' ? false : 'info', found: kcat ?? 'not found', fix: FIX.kcat });

  const wsl = wslWarning(existsSync('/proc/version') ? readFileSync('/proc/version', 'utf8') : '', process.env, REPO_ROOT);
  if (wsl) {
    checks.push({ name: 'WSL', ok: 'warn', found: wsl, fix: 'clone the repository into the Linux file system (e.g. cd ~ && git clone ...) and work there' });
  }

  const stats = statfsSync(tmpdir());
  const freeGb = (stats.bavail * stats.bsize) / 1024 ** 3;
  checks.push({ name: 'Free disk', ok: freeGb >= 1, found: `${freeGb.toFixed(1)} GB in ${tmpdir()} (1 GB needed; Docker images take ~1.5 GB more)`, fix: 'free some disk space' });

  const record = readRecord();
  const instances = liveInstances();
  if (record && isAlive(record.owner)) {
    checks.push({ name: 'npm run service', ok: 'info', found: `running: ${instances.length} instance(s), pid ${instances.join(', ')}; servers owned by pid ${record.owner}` });
  } else if (record) {
    checks.push({ name: 'npm run service', ok: 'info', found: `not running (a record of a killed instance, pid ${record.owner}, is left: the next npm run service replaces it)` });
  }

  const useDocker = docker.ok && provider !== 'local' && provider !== 'env';
  const useLocal = provider !== 'docker' && provider !== 'env';
  const mysqlPath = mysqlFromEnv ? 'your server (KATA_MYSQL_URL)' : useDocker ? 'MySQL 8.4 in Docker' : useLocal && server ? `a throwaway ${server.endsWith('mysqld') ? 'mysqld' : 'mariadbd'}` : undefined;
  const kafkaPath = kafkaFromEnv ? 'your broker (KATA_KAFKA_BROKERS)' : useDocker ? 'Kafka in Docker' : useLocal && kcat ? "kcat's mock Kafka cluster" : undefined;

  const width = Math.max(...checks.map((check) => check.name.length));
  for (const check of checks) {
    const mark =
      check.ok === true ? styleText('green', '✓') : check.ok === 'info' ? styleText('dim', '-') : check.ok === 'warn' ? styleText('yellow', '!') : styleText('red', '✗');
    console.log(`${mark} ${check.name.padEnd(width)}  ${check.found}`);
    if ((check.ok === false || check.ok === 'warn') && check.fix) console.log(`  ${' '.repeat(width)}  fix: ${check.fix}`);
  }
  const essentialsOk = checks.every((check) => check.ok !== false);
  console.log('');
  if (mysqlPath && kafkaPath && essentialsOk) {
    console.log(styleText('green', `A test run would use: ${mysqlPath} · ${kafkaPath}.`));
    return values.suites ? await harnessSuites() : 0;
  }
  if (!mysqlPath) console.log(styleText('red', `No MySQL for the tests. Fix one of: ${FIX.docker} | ${FIX.mysql}`));
  if (!kafkaPath) console.log(styleText('red', `No Kafka for the end-to-end tests. Fix one of: ${FIX.docker} | ${FIX.kcat}`));
  return 1;
});
