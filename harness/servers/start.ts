/**
 * The one place that chooses where MySQL and Kafka come from, for the test run, the verifier and
 * the playground (`npm run service`) alike. For each server in turn:
 *   1. KATA_MYSQL_URL / KATA_KAFKA_BROKERS when set (CI service containers, compose, your own installs);
 *   2. and 3. in the caller's preferred order (tests: Docker first; the playground: local first,
 *      because its local MariaDB keeps its data between runs):
 *      Docker via testcontainers (MySQL 8.4, Kafka KRaft) when an engine answers, or
 *      local binaries: a mariadbd/mysqld and kcat's mock Kafka cluster;
 *   4. otherwise one message listing the three ways to get going.
 * KATA_PROVIDER=env|docker|local forces one way (useful to test them).
 */
import mysql from 'mysql2/promise';
import { startKafkaContainer, startMysqlContainer } from './containers.ts';
import { probeDocker, thisMachine, type DockerProbe, type Machine } from './docker.ts';
import { localKafkaAvailable, startLocalKafka } from './local-kafka.ts';
import { localMysqlAvailable, startLocalMysql, type StartedServer } from './local-mysql.ts';
import { threeWays } from './three-ways.ts';

export type Dialect = 'mysql' | 'mariadb';

export type Way = 'env' | 'docker' | 'local';

export type ServersInfo = {
  /** the server's URL; as given when it comes from KATA_MYSQL_URL (which may name a database) */
  mysqlUrl: string;
  dialect: Dialect;
  serverVersion: string;
  /** null when the caller asked for no Kafka */
  kafkaBrokers: string[] | null;
  /** one line: which server, which version, from where */
  summary: string;
};

export type Servers = ServersInfo & {
  /** how often the local MySQL server crashed and was restarted during this run */
  mysqlCrashes(): number;
  ways: { mysql: Way; kafka: Way | null };
  stop(): Promise<void>;
};

export type ServerOptions = {
  kafka: boolean;
  /** the automatic way tried first after the environment variables (default 'docker') */
  prefer?: 'docker' | 'local';
  /** a local MySQL keeps its data in this folder across runs instead of a throwaway one */
  mysqlDataDir?: string;
  /** extra command-line settings for a local MySQL server (they win over the defaults) */
  mysqlServerOptions?: readonly string[];
  /** where to look for a Docker engine (tests point it at a fake home) */
  machine?: Machine;
};

/** Nothing to run the servers with; the message lists the three ways to get going. */
export class NoServersError extends Error {
  constructor(problem: string, docker?: DockerProbe) {
    super(`${problem}\n${threeWays(docker && !docker.ok ? docker.elsewhere : [])}`);
    this.name = 'NoServersError';
  }
}

function forcedWay(): Way | undefined {
  const value = process.env.KATA_PROVIDER;
  if (value === undefined || value === '') return undefined;
  if (value === 'env' || value === 'docker' || value === 'local') return value;
  throw new Error(`KATA_PROVIDER must be env, docker or local (got "${value}")`);
}

type Candidate = {
  name: string;
  envVariable: 'KATA_MYSQL_URL' | 'KATA_KAFKA_BROKERS';
  startContainer: () => Promise<StartedServer>;
  localAvailable: () => boolean;
  localPackage: string;
  startLocal: () => Promise<StartedServer>;
};

export async function startServers(options: ServerOptions): Promise<Servers> {
  const forced = forcedWay();
  const machine = options.machine ?? thisMachine();
  let dockerProbe: Promise<DockerProbe> | undefined;
  // a forced Docker gets more time: an engine that is still booting counts
  const docker = () => (dockerProbe ??= probeDocker(machine, forced === 'docker' ? 10_000 : 4_000));
  const started: StartedServer[] = [];
  const stopAll = async () => {
    await Promise.allSettled(started.splice(0).reverse().map((server) => server.stop()));
  };

  async function startOne(candidate: Candidate): Promise<StartedServer & { way: Way }> {
    const fromEnv = process.env[candidate.envVariable];
    if (fromEnv && (forced === undefined || forced === 'env')) {
      return { url: fromEnv, description: 'from the environment', way: 'env', stop: async () => undefined };
    }
    if (forced === 'env') throw new NoServersError(`KATA_PROVIDER=env, but ${candidate.envVariable} is not set.`);
    const order: ('docker' | 'local')[] = forced ? [forced] : options.prefer === 'local' ? ['local', 'docker'] : ['docker', 'local'];
    for (const way of order) {
      if (way === 'local') {
        if (!candidate.localAvailable()) {
          if (forced === 'local') throw new NoServersError(`KATA_PROVIDER=local, but ${candidate.localPackage} is not installed.`);
          continue;
        }
        const server = await candidate.startLocal();
        started.push(server);
        return { ...server, way };
      }
      const probe = await docker();
      if (!probe.ok) {
        if (forced === 'docker') throw new NoServersError(`KATA_PROVIDER=docker, but ${probe.reason}.`, probe);
        continue;
      }
      try {
        const server = await candidate.startContainer();
        started.push(server);
        return { ...server, way };
      } catch (error) {
        const cause = error instanceof Error ? error.message.split('\n')[0] : String(error);
        throw new NoServersError(`Starting the ${candidate.name} in Docker failed: ${cause}`);
      }
    }
    throw new NoServersError(`No ${candidate.name} is available.`, dockerProbe ? await dockerProbe : undefined);
  }

  // allSettled, not all: when one start fails, the other may still be starting and must be
  // stopped too once it has
  const [databaseResult, kafkaResult] = await Promise.allSettled([
    startOne({
      name: 'MySQL server',
      envVariable: 'KATA_MYSQL_URL',
      startContainer: startMysqlContainer,
      localAvailable: localMysqlAvailable,
      localPackage: 'mariadb-server (mariadbd) or mysqld',
      startLocal: () => startLocalMysql({ persistentDataDir: options.mysqlDataDir, serverOptions: options.mysqlServerOptions }),
    }),
    options.kafka
      ? startOne({
          name: 'Kafka broker',
          envVariable: 'KATA_KAFKA_BROKERS',
          startContainer: startKafkaContainer,
          localAvailable: localKafkaAvailable,
          localPackage: 'kcat',
          startLocal: startLocalKafka,
        })
      : undefined,
  ]);
  try {
    if (databaseResult.status === 'rejected') throw databaseResult.reason;
    if (kafkaResult.status === 'rejected') throw kafkaResult.reason;
    const [database, kafka] = [databaseResult.value, kafkaResult.value];
    const serverVersion = await queryVersion(database.url);
    const dialect: Dialect = /mariadb/i.test(serverVersion) ? 'mariadb' : 'mysql';
    const product = `${dialect === 'mariadb' ? 'MariaDB' : 'MySQL'} ${serverVersion.replace(/-.*$/, '')}`;
    const probe = dockerProbe ? await dockerProbe : undefined;
    const unused = probe && !probe.ok ? probe.elsewhere[0] : undefined;
    const summary =
      `${product} (${database.description})` +
      (kafka ? ` · Kafka (${kafka.description})` : ' · no Kafka (not needed for this run)') +
      (unused ? `\n(${unused.engine} answers at ${unused.socket}, where testcontainers does not look; to use it: ${unused.exportLine})` : '');
    return {
      mysqlUrl: database.url,
      dialect,
      serverVersion,
      kafkaBrokers: kafka ? kafka.url.split(',').map((broker) => broker.trim()) : null,
      summary,
      ways: { mysql: database.way, kafka: kafka?.way ?? null },
      mysqlCrashes: () => database.crashes?.() ?? 0,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function queryVersion(url: string): Promise<string> {
  // without the URL's database: the playground's KATA_MYSQL_URL may name one not created yet
  const server = new URL(url);
  server.pathname = '/';
  const connection = await mysql.createConnection({ uri: server.toString() });
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version');
    return String(rows[0]?.version);
  } finally {
    await connection.end();
  }
}
