/**
 * The playground's servers: what `npm run service` connects to, and where `npm run emit` and
 * `npm run sql` find them. In order: KATA_MYSQL_URL / KATA_KAFKA_BROKERS; a local MariaDB whose
 * data persists in .kata/dev/mysql (plus kcat's mock Kafka, which keeps messages only while it
 * runs); Docker. The running service writes the addresses to .kata/dev-endpoints.json.
 */
import { join } from 'node:path';
import { stateDir, readState, writeState } from '../learn/state.ts';
import { rmSync } from 'node:fs';
import { isAlive } from '../testing/environment/processes.ts';

export type DevEndpoints = { mysqlUrl: string; brokers: string[]; pid: number; summary: string };

const ENDPOINTS = 'dev-endpoints.json';

export async function startDevEnvironment(): Promise<DevEndpoints & { stop(): Promise<void> }> {
  const fromEnv = { mysql: process.env.KATA_MYSQL_URL, kafka: process.env.KATA_KAFKA_BROKERS };
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const fn of stops.reverse()) await fn().catch(() => undefined);
  };
  try {
    const { localMysqlAvailable, startLocalMysql } = await import('../testing/environment/local-mysql.ts');
    const { localKafkaAvailable, startLocalKafka } = await import('../testing/environment/local-kafka.ts');
    const { provisionEnvironment } = await import('../testing/environment/provision.ts');
    let mysqlUrl = fromEnv.mysql;
    let brokers = fromEnv.kafka?.split(',').map((broker) => broker.trim());
    const notes: string[] = [];
    if (!mysqlUrl && localMysqlAvailable()) {
      const server = await startLocalMysql({ persistentDataDir: join(stateDir(), 'dev', 'mysql') });
      stops.push(() => server.stop());
      mysqlUrl = server.url;
      notes.push(`MySQL: ${server.description}, data kept in .kata/dev/mysql`);
    }
    if (!brokers && localKafkaAvailable()) {
      const kafka = await startLocalKafka();
      stops.push(() => kafka.stop());
      brokers = kafka.brokers;
      notes.push(`Kafka: ${kafka.description} (messages live while the service runs)`);
    }
    if (!mysqlUrl || !brokers) {
      // Docker, or the message listing the ways to get going
      const environment = await provisionEnvironment({ kafka: !brokers });
      stops.push(() => environment.stop());
      mysqlUrl ??= environment.mysqlUrl;
      brokers ??= environment.kafkaBrokers!;
      notes.push(`${environment.summary} (throwaway: data is gone when the service stops)`);
    }
    if (fromEnv.mysql) notes.unshift('MySQL: KATA_MYSQL_URL');
    if (fromEnv.kafka) notes.unshift('Kafka: KATA_KAFKA_BROKERS');
    return { mysqlUrl, brokers, pid: process.pid, summary: notes.join('\n'), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export function publishEndpoints(endpoints: DevEndpoints): void {
  writeState(ENDPOINTS, { mysqlUrl: endpoints.mysqlUrl, brokers: endpoints.brokers, pid: endpoints.pid, summary: endpoints.summary });
}

export function withdrawEndpoints(): void {
  rmSync(join(stateDir(), ENDPOINTS), { force: true });
}

/**
 * Where emit and sql connect: the environment variables if set, else the running service's
 * endpoints. Throws a message that says to start the service when neither exists.
 */
export function findEndpoints(): { mysqlUrl: string; brokers: string[] } {
  const saved = readState<DevEndpoints | undefined>(ENDPOINTS, undefined);
  const running = saved && isAlive(saved.pid) ? saved : undefined;
  const mysqlUrl = process.env.KATA_MYSQL_URL ?? running?.mysqlUrl;
  const brokers = process.env.KATA_KAFKA_BROKERS?.split(',').map((broker) => broker.trim()) ?? running?.brokers;
  if (!mysqlUrl || !brokers) {
    throw new Error('The service is not running. Start it in another terminal with `npm run service`, then try again (or set KATA_MYSQL_URL and KATA_KAFKA_BROKERS).');
  }
  return { mysqlUrl, brokers };
}
