/**
 * Chooses, once per run, where the tests' MySQL and Kafka come from, for each service in turn:
 *   1. KATA_MYSQL_URL / KATA_KAFKA_BROKERS when set (CI service containers, compose, your own installs);
 *   2. Docker via testcontainers (MySQL 8.4, Kafka KRaft) when a Docker engine answers;
 *   3. local binaries: a throwaway mariadbd/mysqld and kcat's mock Kafka cluster;
 *   4. otherwise one message listing the three ways to get going.
 * KATA_PROVIDER=env|docker|local forces a path (useful to test them).
 */
import mysql from 'mysql2/promise';
import { dockerAvailable, startKafkaContainer, startMysqlContainer } from './containers.ts';
import { localKafkaAvailable, startLocalKafka } from './local-kafka.ts';
import { localMysqlAvailable, startLocalMysql, type LocalServer } from './local-mysql.ts';

export type Dialect = 'mysql' | 'mariadb';

export type ServiceInfo = { via: 'env' | 'docker' | 'local'; description: string };

export type TestEnvironmentInfo = {
  /** server-level URL (no database); the harness creates one database per test file */
  mysqlUrl: string;
  dialect: Dialect;
  serverVersion: string;
  /** null when this run selected no end-to-end suite */
  kafkaBrokers: string[] | null;
  summary: string;
};

export type TestEnvironment = TestEnvironmentInfo & { stop(): Promise<void> };

export class NoEnvironmentError extends Error {
  constructor(missing: string) {
    super(
      `No ${missing} for the tests. Pick one of these three ways (then rerun the same command):\n` +
        `  1. Docker: install and start Docker Desktop or Docker Engine; the tests start MySQL 8.4 and Kafka in containers.\n` +
        `  2. Local packages: Debian/Ubuntu/WSL: sudo apt-get install mariadb-server kcat\n` +
        `                     macOS:            brew install mariadb kcat\n` +
        `     (nothing needs to be running: the tests start a throwaway server of their own)\n` +
        `  3. Servers you already run: KATA_MYSQL_URL=mysql://root:password@127.0.0.1:3306/ KATA_KAFKA_BROKERS=127.0.0.1:9092 npm test`,
    );
    this.name = 'NoEnvironmentError';
  }
}

type Provider = 'env' | 'docker' | 'local';

function forcedProvider(): Provider | undefined {
  const value = process.env.KATA_PROVIDER;
  if (value === undefined || value === '') return undefined;
  if (value === 'env' || value === 'docker' || value === 'local') return value;
  throw new Error(`KATA_PROVIDER must be env, docker or local (got "${value}")`);
}

export async function provisionEnvironment(options: { kafka: boolean }): Promise<TestEnvironment> {
  const forced = forcedProvider();
  let docker: Promise<boolean> | undefined;
  const canUseDocker = () => (docker ??= forced === 'docker' ? Promise.resolve(true) : forced ? Promise.resolve(false) : dockerAvailable());
  const started: LocalServer[] = [];
  const stopAll = async () => {
    await Promise.allSettled(started.reverse().map((server) => server.stop()));
  };

  async function choose(
    envValue: string | undefined,
    startContainer: () => Promise<LocalServer>,
    localAvailable: () => boolean,
    startLocal: () => Promise<LocalServer>,
    name: string,
  ): Promise<LocalServer & ServiceInfo> {
    if (envValue && (forced === undefined || forced === 'env')) {
      return { url: envValue, description: 'from the environment', via: 'env', stop: async () => undefined };
    }
    if (forced === 'env') throw new NoEnvironmentError(name);
    if (await canUseDocker()) {
      const server = await startContainer();
      started.push(server);
      return { ...server, via: 'docker' };
    }
    if (forced !== 'docker' && localAvailable()) {
      const server = await startLocal();
      started.push(server);
      return { ...server, via: 'local' };
    }
    throw new NoEnvironmentError(name);
  }

  try {
    const [database, kafka] = await Promise.all([
      choose(process.env.KATA_MYSQL_URL, startMysqlContainer, localMysqlAvailable, startLocalMysql, 'MySQL server'),
      options.kafka
        ? choose(process.env.KATA_KAFKA_BROKERS, startKafkaContainer, localKafkaAvailable, startLocalKafka, 'Kafka broker')
        : undefined,
    ]);
    const serverVersion = await queryVersion(database.url);
    const dialect: Dialect = /mariadb/i.test(serverVersion) ? 'mariadb' : 'mysql';
    const product = `${dialect === 'mariadb' ? 'MariaDB' : 'MySQL'} ${serverVersion.replace(/-.*$/, '')}`;
    const summary =
      `Test environment: ${product} (${database.description})` +
      (kafka ? ` · Kafka (${kafka.description})` : ' · no Kafka (no end-to-end suite selected)');
    return {
      mysqlUrl: database.url,
      dialect,
      serverVersion,
      kafkaBrokers: kafka ? kafka.url.split(',').map((broker) => broker.trim()) : null,
      summary,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function queryVersion(url: string): Promise<string> {
  const connection = await mysql.createConnection({ uri: url });
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version');
    return String(rows[0]?.version);
  } finally {
    await connection.end();
  }
}
