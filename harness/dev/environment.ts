/**
 * The playground's servers: what `npm run service` connects to, and where `npm run emit` and
 * `npm run sql` find them. Every `npm run service` on this machine shares one database and one
 * broker, so a second instance joins the first one's consumer group (scale-out) instead of
 * starting a second MariaDB on the same data folder.
 *
 * The simplest design that stays honest:
 *   - the first instance is the owner: it starts the servers (harness/servers, local first, so
 *     that MariaDB keeps its data in .kata/dev/mysql) and records their addresses;
 *   - later instances find the record, check the owner is alive, and join its servers;
 *   - every instance registers its pid, so the tools work while any instance runs;
 *   - when the owner is stopped while others still run, it stops consuming at once but keeps the
 *     servers up until the last other instance stops (it says so; a second Ctrl-C stops them now,
 *     and the others then stop too, saying why).
 * With both KATA_MYSQL_URL and KATA_KAFKA_BROKERS set, a service uses those and shares nothing
 * through .kata/dev: run the tools with the same variables.
 *
 *   .kata/dev/endpoints.json   the record: owner pid, state, addresses (written only by the owner)
 *   .kata/dev/instances/<pid>  one file per running instance, the owner included
 *   .kata/dev/mysql            the local MariaDB's data
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateDir } from '../learn/state.ts';
import { isAlive } from '../servers/processes.ts';
import { startServers } from '../servers/start.ts';

export type PlaygroundRecord = {
  owner: number;
  state: 'starting' | 'ready';
  mysqlUrl?: string;
  brokers?: string[];
  summary?: string;
};

export type Playground = {
  role: 'owner' | 'member' | 'standalone';
  /** the server URL to connect to (the service adds its database) */
  mysqlUrl: string;
  brokers: string[];
  /** printed at start: where the servers are, and whose they are */
  summary: string;
  /** the owner publishes the database URL for the tools and the next instances */
  ready(databaseUrl: string): void;
  /** resolves if the owner's process ends while this member runs (its servers are then gone) */
  ownerGone: Promise<number>;
  /**
   * Leaves the playground. The owner waits for the other instances to stop before it stops the
   * servers (log says so), unless `now` is set.
   */
  close(options: { log: (line: string) => void; now?: boolean }): Promise<void>;
};

const POLL_MS = 250;

function folder(): string {
  return join(stateDir(), 'dev');
}
function recordFile(): string {
  return join(folder(), 'endpoints.json');
}
function instancesFolder(): string {
  return join(folder(), 'instances');
}

export function readRecord(): PlaygroundRecord | undefined {
  try {
    return JSON.parse(readFileSync(recordFile(), 'utf8')) as PlaygroundRecord;
  } catch {
    return undefined; // absent, or being written: the reader tries again or reports not running
  }
}

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

function writeRecord(record: PlaygroundRecord): void {
  // write-then-rename: a reader never sees half a record
  const temporary = `${recordFile()}.${process.pid}`;
  writeFileSync(temporary, JSON.stringify(record, null, 2) + '\n');
  renameSync(temporary, recordFile());
}

/** Claims ownership: true when this process created the record (atomically, 'wx'). */
function claim(): boolean {
  try {
    writeFileSync(recordFile(), JSON.stringify({ owner: process.pid, state: 'starting' } satisfies PlaygroundRecord) + '\n', { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function joinOrStartPlayground(log: (line: string) => void = console.log): Promise<Playground> {
  if (process.env.KATA_MYSQL_URL && process.env.KATA_KAFKA_BROKERS) return standalone();
  mkdirSync(folder(), { recursive: true });
  let waitingFor: number | undefined;
  for (;;) {
    if (claim()) return startAsOwner();
    const record = readRecord();
    if (record === undefined) {
      await wait(POLL_MS / 5); // being written right now
      continue;
    }
    if (!isAlive(record.owner)) {
      // The owner was killed: its servers went with it (their watchdog stops them, and the local
      // MariaDB start waits for the old server to let go of the data folder). Two instances that
      // find the same stale record in the same instant could both claim; the second one's MariaDB
      // then fails to lock the data folder and that service exits. Not worth a lock for a playground.
      rmSync(recordFile(), { force: true });
      continue;
    }
    if (record.state === 'ready' && record.mysqlUrl && record.brokers) return joinAsMember(record);
    if (waitingFor !== record.owner) log(`waiting for the npm run service that is starting the servers (pid ${record.owner})...`);
    waitingFor = record.owner;
    await wait(POLL_MS);
  }
}

async function standalone(): Promise<Playground> {
  const servers = await startServers({ kafka: true, prefer: 'local' });
  return {
    role: 'standalone',
    mysqlUrl: servers.mysqlUrl,
    brokers: servers.kafkaBrokers!,
    summary: `MySQL and Kafka from KATA_MYSQL_URL and KATA_KAFKA_BROKERS: ${servers.summary}\n(not shared through .kata/dev: give npm run emit / npm run sql the same variables)`,
    ready() {},
    ownerGone: new Promise(() => undefined),
    close: () => servers.stop(),
  };
}

async function startAsOwner(): Promise<Playground> {
  const unregister = register();
  const withdraw = () => {
    const record = readRecord();
    if (record?.owner === process.pid) rmSync(recordFile(), { force: true });
  };
  process.once('exit', withdraw);
  let servers;
  try {
    servers = await startServers({ kafka: true, prefer: 'local', mysqlDataDir: join(folder(), 'mysql') });
  } catch (error) {
    withdraw();
    unregister();
    throw error;
  }
  const kept =
    servers.ways.mysql === 'local' ? 'MySQL data kept in .kata/dev/mysql; ' : servers.ways.mysql === 'docker' ? 'MySQL data is gone when the servers stop; ' : '';
  const summary = `${servers.summary}\n(${kept}Kafka keeps messages while the servers run; a second npm run service joins these servers)`;
  return {
    role: 'owner',
    mysqlUrl: servers.mysqlUrl,
    brokers: servers.kafkaBrokers!,
    summary,
    ready(databaseUrl) {
      writeRecord({ owner: process.pid, state: 'ready', mysqlUrl: databaseUrl, brokers: servers.kafkaBrokers!, summary: servers.summary });
    },
    ownerGone: new Promise(() => undefined),
    async close({ log, now }) {
      unregister();
      let others = liveInstances().filter((pid) => pid !== process.pid);
      if (others.length > 0 && !now) {
        log(
          `${others.length} other npm run service (pid ${others.join(', ')}) still use${others.length === 1 ? 's' : ''} this instance's database and broker: ` +
            'they stay up until the last one stops (Ctrl-C again stops them now; the others then stop too).',
        );
        while (others.length > 0) {
          await wait(POLL_MS * 2);
          others = liveInstances().filter((pid) => pid !== process.pid);
        }
      }
      withdraw();
      await servers.stop();
    },
  };
}

function joinAsMember(record: PlaygroundRecord): Playground {
  const unregister = register();
  const owner = record.owner;
  const ownerGone = new Promise<number>((resolve) => {
    const timer = setInterval(() => {
      if (isAlive(owner)) return;
      clearInterval(timer);
      resolve(owner);
    }, POLL_MS * 2);
    timer.unref();
  });
  const others = liveInstances().filter((pid) => pid !== process.pid);
  return {
    role: 'member',
    mysqlUrl: record.mysqlUrl!,
    brokers: record.brokers!,
    summary:
      `Joining the servers of the npm run service with pid ${owner} (${others.length + 1} instances now): ${record.summary ?? ''}\n` +
      '(this instance is one more member of the same consumer group; the servers stay up while any instance runs)',
    ready() {},
    ownerGone,
    async close() {
      unregister();
    },
  };
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
