/**
 * The playground's servers: what `npm run service` connects to, and where `npm run emit` and
 * `npm run sql` find them. Every `npm run service` on this machine shares one database and one
 * broker, so a second instance joins the first one's consumer group (scale-out) instead of
 * starting a second MariaDB on the same data folder.
 *
 * The servers belong to none of the service instances: the first `npm run service` starts a
 * detached server keeper (server-keeper.ts), and every instance, the first one included, joins
 * it. Killing any instance (kill -9 included) leaves the database and the broker, with the events
 * it holds, up for the next one; `npm run service -- --stop` stops the instances, then the keeper.
 * A keeper found gone (a reboot, a kill) is replaced, and the service says what that lost: the
 * mock broker keeps its messages in memory only.
 * With both KATA_MYSQL_URL and KATA_KAFKA_BROKERS set, a service uses those and shares nothing
 * through .kata/dev: run the tools with the same variables.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlive } from '../servers/processes.ts';
import { startServers } from '../servers/start.ts';
import { devFolder, instancesFolder, keeperLogFile, readRecord, recordFile, type PlaygroundRecord } from './record.ts';
import { CLAIM_TAKEN_EXIT_CODE } from './server-keeper.ts';

export { readRecord, type PlaygroundRecord } from './record.ts';

export type Playground = {
  role: 'member' | 'standalone';
  /** the URL to connect to (the playground's names the `analytics` database) */
  mysqlUrl: string;
  brokers: string[];
  /** printed at start: where the servers are, and whose they are */
  summary: string;
  /** resolves with the keeper's pid if the servers stop while this instance runs */
  serversGone: Promise<number>;
  /** leaves the playground (the servers stay up) */
  close(): Promise<void>;
};

const POLL_MS = 100;
/** a keeper that is not ready after this long is reported (a first run builds a data folder: seconds) */
const KEEPER_START_TIMEOUT_MS = 120_000;

/** The pids of the running `npm run service` instances (stale files of killed ones are ignored). */
export function liveInstances(): number[] {
  let names: string[];
  try {
    names = readdirSync(instancesFolder());
  } catch {
    return [];
  }
  return names
    .map(Number)
    .filter((pid) => Number.isInteger(pid) && pid > 0 && isAlive(pid))
    .sort((a, b) => a - b);
}

function register(): () => void {
  mkdirSync(instancesFolder(), { recursive: true });
  const file = join(instancesFolder(), String(process.pid));
  writeFileSync(file, `${new Date().toISOString()}\n`);
  const unregister = () => rmSync(file, { force: true });
  // even on process.exit() (a second Ctrl-C), this instance must not stay listed
  process.once('exit', unregister);
  return unregister;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a keeper found gone had taken with it, for the log of the service that replaces it. */
function lostServersLine(record: PlaygroundRecord): string {
  if (record.state !== 'ready') return `A server keeper (pid ${record.owner}) stopped while it was starting; starting the servers again.`;
  return (
    `The playground's previous servers are gone (keeper pid ${record.owner}, broker ${record.brokers?.join(',') ?? '?'}, up since ${record.startedAt ?? '?'}): ` +
    'the machine restarted, or they were killed. The mock broker kept its messages in memory only, so events published to it that were not consumed yet are lost ' +
    '(publish them again if you need them); the database kept its data. Starting new servers.'
  );
}

export async function joinOrStartPlayground(log: (line: string) => void = console.log): Promise<Playground> {
  if (process.env.KATA_MYSQL_URL && process.env.KATA_KAFKA_BROKERS) return standalone();
  mkdirSync(devFolder(), { recursive: true });
  let waitingFor: number | undefined;
  let started: Promise<number | null> | undefined;
  const deadline = Date.now() + KEEPER_START_TIMEOUT_MS;
  for (;;) {
    const record = readRecord();
    if (record === undefined) {
      started ??= startKeeper();
      const code = await Promise.race([started, wait(POLL_MS).then(() => 'running' as const)]);
      if (code === CLAIM_TAKEN_EXIT_CODE) started = undefined; // another service's keeper won: join it
      else if (code !== 'running') throw new Error(`The playground's servers did not start (keeper exit code ${code}):\n${tail(keeperLogFile())}`);
      continue;
    }
    if (!isAlive(record.owner)) {
      // re-read right before removing: another service may have replaced the stale record already
      if (readRecord()?.owner === record.owner) {
        rmSync(recordFile(), { force: true });
        log(lostServersLine(record));
      }
      continue;
    }
    if (record.state === 'ready' && record.mysqlUrl && record.brokers) return join_(record);
    if (waitingFor !== record.owner) log(`waiting for the playground's servers to start (keeper pid ${record.owner}; its log: ${keeperLogFile()})...`);
    waitingFor = record.owner;
    if (Date.now() > deadline) throw new Error(`The playground's servers (keeper pid ${record.owner}) did not start within ${KEEPER_START_TIMEOUT_MS / 1000} s:\n${tail(keeperLogFile())}`);
    await wait(POLL_MS * 2);
  }
}

/** Starts a detached server keeper; resolves with its exit code if it ends (it normally outlives this process). */
function startKeeper(): Promise<number | null> {
  const script = fileURLToPath(new URL('./server-keeper.ts', import.meta.url));
  const output = openSync(keeperLogFile(), 'a');
  try {
    const keeper = spawn(process.execPath, [script], { detached: true, stdio: ['ignore', output, output] });
    const exited = new Promise<number | null>((resolve) => keeper.once('exit', (code) => resolve(code)));
    keeper.unref();
    return exited;
  } finally {
    closeSync(output);
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-15).join('\n');
  } catch {
    return '(no log)';
  }
}

async function standalone(): Promise<Playground> {
  const servers = await startServers({ kafka: true, prefer: 'local' });
  return {
    role: 'standalone',
    mysqlUrl: servers.mysqlUrl,
    brokers: servers.kafkaBrokers!,
    summary: `MySQL and Kafka from KATA_MYSQL_URL and KATA_KAFKA_BROKERS: ${servers.summary}\n(not shared through .kata/dev: give npm run emit / npm run sql the same variables)`,
    serversGone: new Promise(() => undefined),
    close: () => servers.stop(),
  };
}

function join_(record: PlaygroundRecord): Playground {
  const unregister = register();
  const keeper = record.owner;
  const serversGone = new Promise<number>((resolve) => {
    const timer = setInterval(() => {
      if (isAlive(keeper)) return;
      clearInterval(timer);
      resolve(keeper);
    }, 500);
    timer.unref();
  });
  const instances = liveInstances().length;
  return {
    role: 'member',
    mysqlUrl: record.mysqlUrl!,
    brokers: record.brokers!,
    summary:
      `The playground's servers (keeper pid ${keeper}, up since ${record.startedAt ?? '?'}; ${instances} npm run service instance${instances === 1 ? '' : 's'} now): ${record.summary ?? ''}\n` +
      '(every instance is a member of one consumer group; the servers stay up when instances stop: `npm run service -- --stop` stops everything)',
    serversGone,
    async close() {
      unregister();
    },
  };
}

/** `npm run service -- --stop`: stops every service instance (they commit what they did), then the servers. */
/** Marks a --stop in progress, so that each instance it stops can say that the servers go too. */
const stoppingFile = () => join(devFolder(), 'stopping');
/** Whether `npm run service -- --stop` is stopping everything now (an instance's last line says so). */
export const stoppingEverything = (): boolean => existsSync(stoppingFile());

export async function stopPlayground(log: (line: string) => void = console.log): Promise<number> {
  mkdirSync(devFolder(), { recursive: true });
  writeFileSync(stoppingFile(), String(process.pid));
  try {
    return await stopEverything(log);
  } finally {
    rmSync(stoppingFile(), { force: true });
  }
}

async function stopEverything(log: (line: string) => void): Promise<number> {
  const instances = liveInstances();
  if (instances.length > 0) {
    log(`stopping ${instances.length} npm run service instance${instances.length === 1 ? '' : 's'} (pid ${instances.join(', ')})...`);
    for (const pid of instances) signal(pid, 'SIGTERM');
    if (!(await exited(instances, 30_000))) {
      const left = instances.filter(isAlive);
      log(`pid ${left.join(', ')} did not stop within 30 s: killing (their uncommitted events come again)`);
      for (const pid of left) signal(pid, 'SIGKILL');
    }
  }
  const record = readRecord();
  if (!record) {
    log("the playground's servers are not running");
    return 0;
  }
  if (!isAlive(record.owner)) {
    rmSync(recordFile(), { force: true });
    log(`the playground's servers were not running (a record of keeper pid ${record.owner} was left; removed)`);
    return 0;
  }
  log(`stopping the playground's servers (keeper pid ${record.owner})...`);
  signal(record.owner, 'SIGTERM');
  if (!(await exited([record.owner], 30_000))) {
    log(`the keeper did not stop within 30 s: killing it (its servers' watchdogs stop them)`);
    signal(record.owner, 'SIGKILL');
    rmSync(recordFile(), { force: true });
  }
  log("stopped the playground's servers (a local MariaDB's data stays in .kata/dev/mysql)");
  return 0;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

async function exited(pids: number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isAlive)) {
    if (Date.now() > deadline) return false;
    await wait(POLL_MS);
  }
  return true;
}

/**
 * Where emit and sql connect: the environment variables if set, else the running playground's
 * endpoints. Throws a message that says to start the service when neither exists.
 */
export function findEndpoints(): { mysqlUrl: string; brokers: string[] } {
  const record = readRecord();
  const running = record && record.state === 'ready' && isAlive(record.owner) ? record : undefined;
  const mysqlUrl = process.env.KATA_MYSQL_URL ?? running?.mysqlUrl;
  const brokers = process.env.KATA_KAFKA_BROKERS?.split(',').map((broker) => broker.trim()) ?? running?.brokers;
  if (!mysqlUrl || !brokers) {
    throw new Error('The service is not running. Start it in another terminal with `npm run service`, then try again (or set KATA_MYSQL_URL and KATA_KAFKA_BROKERS).');
  }
  return { mysqlUrl, brokers };
}
