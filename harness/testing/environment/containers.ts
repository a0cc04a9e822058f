/**
 * Path 2: MySQL 8.4 and Kafka (KRaft) in Docker containers via testcontainers. Needs no
 * configuration, which matters on GitHub's runners where graders pass no environment variables.
 * With TESTCONTAINERS_REUSE_ENABLE=true the containers survive the run and the next run reuses them.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { LocalServer } from './local-mysql.ts';

export const MYSQL_IMAGE = 'mysql:8.4';
export const KAFKA_IMAGE = 'confluentinc/cp-kafka:8.1.0';

const reuse = process.env.TESTCONTAINERS_REUSE_ENABLE === 'true';

/**
 * Whether Docker could be configured at all on this machine: a configuration testcontainers
 * reads, or one of the usual engine sockets. When there is none, the (half-second) import of
 * testcontainers and its probe are skipped. On Windows the engine is a named pipe: always probe.
 */
function dockerMayBeConfigured(): boolean {
  if (process.platform === 'win32') return true;
  if (process.env.DOCKER_HOST || process.env.TESTCONTAINERS_HOST_OVERRIDE || process.env.DOCKER_CONTEXT) return true;
  const home = homedir();
  const runtimeDir = process.env.XDG_RUNTIME_DIR ?? `/run/user/${process.getuid?.() ?? ''}`;
  return [
    join(home, '.testcontainers.properties'),
    join(home, '.docker', 'config.json'),
    '/var/run/docker.sock',
    '/run/docker.sock',
    join(runtimeDir, 'docker.sock'),
    join(runtimeDir, 'podman', 'podman.sock'),
    join(home, '.docker', 'run', 'docker.sock'),
    join(home, '.docker', 'desktop', 'docker.sock'),
    join(home, '.colima', 'default', 'docker.sock'),
    join(home, '.rd', 'docker.sock'),
  ].some((path) => existsSync(path));
}

/** True when a Docker-compatible engine answers within timeoutMs. */
export async function dockerAvailable(timeoutMs = 4_000): Promise<boolean> {
  if (!dockerMayBeConfigured()) return false;
  const { getContainerRuntimeClient } = await import('testcontainers');
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const probe = getContainerRuntimeClient().then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function startMysqlContainer(): Promise<LocalServer> {
  const { MySqlContainer } = await import('@testcontainers/mysql');
  let container = new MySqlContainer(MYSQL_IMAGE)
    .withCommand(['--character-set-server=utf8mb4', '--collation-server=utf8mb4_unicode_ci', '--default-time-zone=+00:00', '--skip-log-bin'])
    .withTmpFs({ '/var/lib/mysql': 'rw' });
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

export async function startKafkaContainer(): Promise<LocalServer & { brokers: string[] }> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  let container = new KafkaContainer(KAFKA_IMAGE).withEnvironment({ KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'true' });
  if (reuse) container = container.withReuse();
  const started = await container.start();
  const address = `${started.getHost()}:${started.getMappedPort(9093)}`;
  return {
    url: address,
    brokers: [address],
    description: `testcontainers ${KAFKA_IMAGE}, ${address}${reuse ? ', reused' : ''}`,
    async stop() {
      if (!reuse) await started.stop();
    },
  };
}
