/**
 * npm run doctor: checks what the tests need, says which way a test run would get its MySQL and
 * Kafka, and gives the one command that fixes each missing piece.
 */
import { existsSync, statfsSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, styleText } from 'node:util';
import { UsageError } from '../learn/katas.ts';
import { REPO_ROOT } from '../learn/state.ts';
import { runCli } from './run-cli.ts';

type Check = { name: string; ok: boolean | 'info'; found: string; fix?: string };

const FIX = {
  node: 'macOS: brew install node@24 · Debian/Ubuntu and WSL: nvm install 24 (https://github.com/nvm-sh/nvm), then nvm use',
  packages: 'npm install',
  docker: 'macOS/Windows: start Docker Desktop · Linux: sudo systemctl start docker (or skip Docker: install the two packages below)',
  mysql: 'Debian/Ubuntu/WSL: sudo apt-get install mariadb-server · macOS: brew install mariadb',
  kcat: 'Debian/Ubuntu/WSL: sudo apt-get install kcat · macOS: brew install kcat',
};

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

runCli('npm run doctor', async () => {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length > 0) throw new UsageError(`npm run doctor takes no arguments (got ${positionals.join(' ')})`);
  const { findExecutable, run } = await import('../testing/environment/processes.ts');
  const { dockerAvailable } = await import('../testing/environment/containers.ts');
  const checks: Check[] = [];

  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  checks.push({ name: 'Node.js', ok: major > 22 || (major === 22 && minor >= 22), found: `v${process.versions.node} (22.22 or newer needed)`, fix: FIX.node });
  checks.push({ name: 'npm packages', ok: existsSync(join(REPO_ROOT, 'node_modules', 'vitest')), found: 'node_modules', fix: FIX.packages });

  const mysqlUrl = process.env.KATA_MYSQL_URL;
  const brokers = process.env.KATA_KAFKA_BROKERS;
  let mysqlFromEnv = false;
  let kafkaFromEnv = false;
  if (mysqlUrl) {
    const url = new URL(mysqlUrl);
    mysqlFromEnv = await reachable(`${url.hostname}:${url.port || 3306}`);
    checks.push({ name: 'KATA_MYSQL_URL', ok: mysqlFromEnv, found: `${url.hostname}:${url.port || 3306} ${mysqlFromEnv ? 'answers' : 'does not answer'}`, fix: 'start that server, or unset KATA_MYSQL_URL' });
  } else {
    checks.push({ name: 'KATA_MYSQL_URL', ok: 'info', found: 'not set (fine: the tests start their own server)' });
  }
  if (brokers) {
    const first = brokers.split(',')[0]!.trim();
    kafkaFromEnv = await reachable(first);
    checks.push({ name: 'KATA_KAFKA_BROKERS', ok: kafkaFromEnv, found: `${first} ${kafkaFromEnv ? 'answers' : 'does not answer'}`, fix: 'start that broker, or unset KATA_KAFKA_BROKERS' });
  } else {
    checks.push({ name: 'KATA_KAFKA_BROKERS', ok: 'info', found: 'not set (fine: the tests start their own broker)' });
  }

  const docker = await dockerAvailable();
  checks.push({ name: 'Docker', ok: docker ? true : 'info', found: docker ? 'an engine answers (MySQL 8.4 and Kafka in containers)' : 'no engine answered', fix: FIX.docker });

  const server = findExecutable('mariadbd', 'mysqld');
  const serverVersion = server ? (await run(server, ['--version']).catch(() => '')).trim().replace(/\s+/g, ' ') : '';
  checks.push({ name: 'MariaDB/MySQL server', ok: server ? true : 'info', found: server ? `${server} (${serverVersion.slice(0, 60)})` : 'no mariadbd or mysqld found', fix: FIX.mysql });
  const kcat = findExecutable('kcat', 'kafkacat');
  checks.push({ name: 'kcat', ok: kcat ? true : 'info', found: kcat ?? 'not found', fix: FIX.kcat });

  const stats = statfsSync(tmpdir());
  const freeGb = (stats.bavail * stats.bsize) / 1024 ** 3;
  checks.push({ name: 'Free disk', ok: freeGb >= 1, found: `${freeGb.toFixed(1)} GB in ${tmpdir()} (1 GB needed; Docker images take ~1.5 GB more)`, fix: 'free some disk space' });

  const mysqlPath = mysqlFromEnv ? 'your server (KATA_MYSQL_URL)' : docker ? 'MySQL 8.4 in Docker' : server ? `a throwaway ${server.endsWith('mysqld') ? 'mysqld' : 'mariadbd'}` : undefined;
  const kafkaPath = kafkaFromEnv ? 'your broker (KATA_KAFKA_BROKERS)' : docker ? 'Kafka in Docker' : kcat ? "kcat's mock Kafka cluster" : undefined;

  const width = Math.max(...checks.map((check) => check.name.length));
  for (const check of checks) {
    const mark = check.ok === true ? styleText('green', '✓') : check.ok === 'info' ? styleText('dim', '-') : styleText('red', '✗');
    console.log(`${mark} ${check.name.padEnd(width)}  ${check.found}`);
    if (check.ok === false && check.fix) console.log(`  ${' '.repeat(width)}  fix: ${check.fix}`);
  }
  const essentialsOk = checks.every((check) => check.ok !== false);
  console.log('');
  if (mysqlPath && kafkaPath && essentialsOk) {
    console.log(styleText('green', `A test run would use: ${mysqlPath} · ${kafkaPath}.`));
    return 0;
  }
  if (!mysqlPath) console.log(styleText('red', `No MySQL for the tests. Fix one of: ${FIX.docker} | ${FIX.mysql}`));
  if (!kafkaPath) console.log(styleText('red', `No Kafka for the end-to-end tests. Fix one of: ${FIX.docker} | ${FIX.kcat}`));
  return 1;
});
