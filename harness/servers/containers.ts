/**
 * The Docker path: MySQL 8.4 and Kafka (KRaft) in containers via testcontainers. Needs no
 * configuration, which matters on GitHub's runners where graders pass no environment variables.
 * With TESTCONTAINERS_REUSE_ENABLE=true the containers survive the run and the next run reuses them.
 */
import { probeBroker, type BrokerProbe } from './kafka-probe.ts';
import { MAX_CONNECTIONS, type StartedServer } from './local-mysql.ts';

export const MYSQL_IMAGE = 'mysql:8.4';
// the tag testcontainers' Kafka module pins (packages/modules/kafka/Dockerfile, testcontainers-node 12)
export const KAFKA_IMAGE = 'confluentinc/cp-kafka:8.3.0';

function reuseEnabled(): boolean {
  return process.env.TESTCONTAINERS_REUSE_ENABLE === 'true';
}

/** How the MySQL container is configured; its own constant so that a test can read it. */
export const MYSQL_CONTAINER = {
  // --max-connections as the local server's (local-mysql.ts): parallel suites each hold a pool
  command: ['--character-set-server=utf8mb4', '--collation-server=utf8mb4_unicode_ci', '--default-time-zone=+00:00', '--skip-log-bin', `--max-connections=${MAX_CONNECTIONS}`],
  // The image loads the named time zones into the mysql schema at first start (seconds of
  // mysql_tzinfo_to_sql); the harness only ever uses the offset '+00:00'.
  environment: { MYSQL_INITDB_SKIP_TZINFO: '1' },
  tmpfs: { '/var/lib/mysql': 'rw' },
};

export async function startMysqlContainer(): Promise<StartedServer> {
  const { MySqlContainer } = await import('@testcontainers/mysql');
  const reuse = reuseEnabled();
  let container = new MySqlContainer(MYSQL_IMAGE)
    .withCommand(MYSQL_CONTAINER.command)
    .withEnvironment(MYSQL_CONTAINER.environment)
    .withTmpFs(MYSQL_CONTAINER.tmpfs);
  if (reuse) container = container.withReuse();
  const started = await container.start();
  const url = new URL(started.getConnectionUri(true));
  url.pathname = '/';
  return {
    url: url.toString(),
    description: `testcontainers ${MYSQL_IMAGE}, ${started.getHost()}:${started.getPort()}${reuse ? ', reused' : ''}`,
    async stop() {
      if (!reuse) await started.stop();
    },
  };
}

export async function startKafkaContainer(): Promise<StartedServer & { brokers: string[] }> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const reuse = reuseEnabled();
  const { started, replaced } = await startAnsweringBroker({
    reuse,
    async start() {
      let container = new KafkaContainer(KAFKA_IMAGE).withEnvironment({ KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'true' });
      if (reuse) container = container.withReuse();
      return container.start();
    },
    address: (container) => `${container.getHost()}:${container.getMappedPort(9093)}`,
    probe: (address) => probeBroker(address),
    discard: async (container) => void (await container.stop({ remove: true, removeVolumes: true })),
  });
  const address = `${started.getHost()}:${started.getMappedPort(9093)}`;
  return {
    url: address,
    brokers: [address],
    description: `testcontainers ${KAFKA_IMAGE}, ${address}${reuse ? (replaced ? ', a fresh one: the reused one advertised a dead port' : ', reused') : ''}`,
    async stop() {
      if (!reuse) await started.stop();
    },
  };
}

export type BrokerStartSteps<T> = {
  /** whether start() may hand back a container kept from an earlier run */
  reuse: boolean;
  start(): Promise<T>;
  address(started: T): string;
  probe(address: string): Promise<BrokerProbe>;
  /** stops and removes a container, so that the next start() creates a new one */
  discard(started: T): Promise<void>;
};

/**
 * Starts (or reuses) a broker and checks that it answers at the address it advertises. A reused
 * container that advertises a dead address (it was restarted with new ports) is removed and a
 * fresh one started; a fresh one that does not answer is an error that says so.
 */
export async function startAnsweringBroker<T>(steps: BrokerStartSteps<T>): Promise<{ started: T; replaced?: string }> {
  const first = await steps.start();
  const firstProbe = await steps.probe(steps.address(first));
  if (firstProbe.ok) return { started: first };
  await steps.discard(first).catch(() => undefined);
  if (!steps.reuse) throw new Error(`Kafka started in Docker but ${firstProbe.reason}`);
  const fresh = await steps.start();
  const freshProbe = await steps.probe(steps.address(fresh));
  if (freshProbe.ok) return { started: fresh, replaced: firstProbe.reason };
  await steps.discard(fresh).catch(() => undefined);
  throw new Error(`Kafka started in Docker (a fresh container, the reused one was dead) but ${freshProbe.reason}`);
}
