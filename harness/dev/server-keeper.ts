/**
 * The playground's servers, in a process of their own (started detached by the first
 * `npm run service`, see environment.ts): a local MariaDB on .kata/dev/mysql and kcat's mock Kafka,
 * or containers. They outlive every service instance, so killing a service, even the first one,
 * loses no message the broker holds. `npm run service -- --stop` ends this process, which stops
 * the servers; its output goes to .kata/dev/servers.log.
 *
 * It claims .kata/dev/endpoints.json atomically (two services starting at once start one keeper),
 * writes the addresses there once the servers answer, and removes the record when it stops. Killed
 * (kill -9), its servers' watchdogs stop them and the record stays behind: the next service sees a
 * record whose keeper is gone and says what that lost (environment.ts).
 *
 *   node server-keeper.ts        exit 0 after a stop, 3 when another keeper holds the record
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServers } from '../servers/start.ts';
import { devFolder, readRecord, recordFile, writeRecord, type PlaygroundRecord } from './record.ts';

/**
 * A student's data deserves a durable server: a commit is on disk before the service commits the
 * event's offset, so a crash of the server (or of the machine) loses no event. The test servers
 * trade this for speed (harness/servers/local-mysql.ts): their data is thrown away anyway.
 */
export const DURABLE_MYSQL_OPTIONS = ['--innodb-flush-log-at-trx-commit=1', '--innodb-doublewrite=1'] as const;

export const CLAIM_TAKEN_EXIT_CODE = 3;

function log(line: string): void {
  process.stdout.write(`${new Date().toISOString()} ${line}\n`);
}

async function main(): Promise<void> {
  mkdirSync(devFolder(), { recursive: true });
  const claim: PlaygroundRecord = { owner: process.pid, state: 'starting', startedAt: new Date().toISOString() };
  try {
    writeFileSync(recordFile(), JSON.stringify(claim) + '\n', { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    log(`another keeper (pid ${readRecord()?.owner ?? '?'}) holds ${recordFile()}: leaving it the servers`);
    process.exit(CLAIM_TAKEN_EXIT_CODE);
  }
  const withdraw = () => {
    if (readRecord()?.owner === process.pid) rmSync(recordFile(), { force: true });
  };
  let servers;
  try {
    servers = await startServers({ kafka: true, prefer: 'local', mysqlDataDir: join(devFolder(), 'mysql'), mysqlServerOptions: DURABLE_MYSQL_OPTIONS });
  } catch (error) {
    withdraw();
    throw error;
  }
  const database = new URL(servers.mysqlUrl);
  if (database.pathname === '/' || database.pathname === '') database.pathname = '/analytics';
  const kept = servers.ways.mysql === 'local' ? 'MySQL data kept in .kata/dev/mysql' : servers.ways.mysql === 'docker' ? 'MySQL data is gone when the servers stop' : 'MySQL from KATA_MYSQL_URL';
  writeRecord({
    ...claim,
    state: 'ready',
    mysqlUrl: database.toString(),
    brokers: servers.kafkaBrokers!,
    summary: `${servers.summary}\n(${kept}; Kafka keeps messages while these servers run, whichever service instances come and go)`,
  });
  log(`ready: ${servers.summary.split('\n')[0]}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping the servers`);
    servers
      .stop()
      .catch((error: unknown) => log(`stopping the servers failed: ${error instanceof Error ? error.message : error}`))
      .finally(() => {
        withdraw();
        log('stopped');
        process.exit(0);
      });
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGHUP', () => undefined); // a closed terminal is not a stop: the keeper is detached
  // stay alive: the servers are child processes with piped output
  setInterval(() => undefined, 1 << 30);
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    log(`could not start the servers: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
}
