/**
 * The MySQL analytics service (npm run service): applies every kata's CREATE TABLE statements in
 * curriculum order, registers every kata's handlers, and consumes until Ctrl-C (SIGINT) or SIGTERM,
 * when it finishes the event in flight, commits it and disconnects.
 *
 * Where it connects: KATA_MYSQL_URL (mysql://user:pass@host:port/database; database defaults to
 * `analytics`) and KATA_KAFKA_BROKERS (host:port[,host:port]). Without them it joins the
 * playground's servers, started once in a process of their own: a local MariaDB whose data
 * persists in .kata/dev/mysql and kcat's mock Kafka (see dev/environment.ts), whose addresses
 * `npm run emit` and `npm run sql` find in .kata/dev/endpoints.json.
 * `npm run service -- --stop` stops every instance and then the servers.
 */
import { styleText } from 'node:util';
import { closePool, configureDatabase, createPool, getPool } from './db/pool.ts';
import { applyTables } from './db/tables.ts';
import type { HandlerMap } from './events/contract.ts';
import { databaseProbe } from './kafka/database-probe.ts';
import { EventConsumer } from './kafka/event-consumer.ts';
import { knownEntityIn } from './kafka/known-entity.ts';
import { katas as allKatas, type KataWiring } from './kata-wiring.ts';
import { isNotStarted } from './not-started.ts';

export type ServiceOptions = {
  mysqlUrl: string;
  brokers: readonly string[];
  katas?: readonly KataWiring[];
  groupId?: string;
  deadLetterTopic?: string;
  /** prefixed to every topic name (tests use it to stay apart); '' in production */
  topicPrefix?: string;
  log?: (line: string) => void;
};

export type RunningService = { consumer: EventConsumer; databaseUrl: string; stop(): Promise<void> };

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const log = options.log ?? ((line: string) => console.log(line));
  const katas = options.katas ?? allKatas;
  const prefix = options.topicPrefix ?? '';
  const url = await ensureDatabase(options.mysqlUrl);
  await configureDatabase(url);

  const handlers: HandlerMap = {};
  const topics = new Set<string>();
  for (const kata of katas) {
    try {
      const statements = await kata.tables();
      await applyTables(getPool(), statements);
      log(`${kata.id}: ${statements.length} table statement(s) applied`);
    } catch (error) {
      log(`${styleText('red', `${kata.id}: tables not applied`)}: ${describe(error)}`);
    }
    try {
      const kataHandlers = await kata.handlers();
      Object.assign(handlers, kataHandlers);
      log(`${kata.id}: handlers for ${Object.keys(kataHandlers).join(', ') || 'no event type'}`);
    } catch (error) {
      log(`${styleText('yellow', `${kata.id}: no handlers yet`)} (${describe(error)}); its events will be dead-lettered`);
    }
    for (const topic of kata.topics) topics.add(prefix + topic);
  }

  const deadLetterTopic = options.deadLetterTopic ?? `${prefix}dead-letter`;
  const consumer = new EventConsumer({
    brokers: options.brokers,
    groupId: options.groupId ?? 'mysql-analytics',
    topics: [...topics],
    handlers,
    deadLetterTopic,
    clientId: 'mysql-analytics',
    log,
    // an event on another domain's topic is refused (harness/events/contract.ts)
    topicPrefix: prefix,
    // a statement that does not answer is reported with what the database is busy with
    probeDatabase: databaseProbe(url),
    // the course's rule for unknown ids (harness/kafka/known-entity.ts)
    knownEntity: knownEntityIn(getPool),
  });
  await consumer.start();
  log(`consuming ${[...topics].join(', ')} from ${options.brokers.join(',')} into ${redact(url)} (dead letters: ${deadLetterTopic})`);
  return {
    consumer,
    databaseUrl: url,
    async stop() {
      await consumer.stop();
      await closePool();
    },
  };
}

/** Creates the URL's database if needed (default `analytics`); returns the URL with it. */
async function ensureDatabase(mysqlUrl: string): Promise<string> {
  const url = new URL(mysqlUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'analytics';
  const server = new URL(mysqlUrl);
  server.pathname = '/';
  const admin = createPool(server.toString(), { connectionLimit: 1 });
  try {
    await admin.query(`CREATE DATABASE IF NOT EXISTS \`${database.replace(/`/g, '``')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${database}`;
  return url.toString();
}

function describe(error: unknown): string {
  if (isNotStarted(error)) return `exercise ${error.exercise} not started`;
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

async function main(): Promise<void> {
  const { joinOrStartPlayground, stopPlayground, stoppingEverything } = await import('./dev/environment.ts');
  const log = (line: string) => console.log(line);
  if (process.argv.includes('--stop')) process.exit(await stopPlayground(log));
  // the first npm run service starts the servers in a process of their own; every one joins them
  const playground = await joinOrStartPlayground(log);
  console.log(playground.summary);
  // KATA_TOPIC_PREFIX keeps a test run of the service apart from anything else on the broker
  const topicPrefix = process.env.KATA_TOPIC_PREFIX ?? '';
  let service: RunningService;
  try {
    service = await startService({ mysqlUrl: playground.mysqlUrl, brokers: playground.brokers, topicPrefix, groupId: `${topicPrefix}mysql-analytics` });
  } catch (error) {
    await playground.close();
    throw error;
  }
  console.log('Try it: npm run emit -- user.created   then   npm run sql -- "SELECT * FROM users"   (Ctrl-C stops this instance; npm run service -- --stop stops the servers too)');
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      console.log('second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    console.log(`${signal}: finishing the event in flight, then disconnecting...`);
    service
      .stop()
      .then(() => playground.close())
      .then(() => {
        console.log(
          stoppingEverything()
            ? "stopped (npm run service -- --stop is stopping the playground's servers too)"
            : playground.role === 'member'
              ? "stopped (the playground's servers stay up: npm run service -- --stop stops them)"
              : 'stopped',
        );
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error(error);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  void playground.serversGone.then((keeper) => {
    if (stopping) return;
    stopping = true;
    console.error(`The playground's servers (keeper pid ${keeper}) have stopped (npm run service -- --stop, or they were killed): this instance stops too. Start npm run service again.`);
    // the broker is gone: do not wait for a clean leave of the group
    void Promise.race([service.stop(), new Promise((resolve) => setTimeout(resolve, 3_000))]).finally(() => process.exit(1));
  });
}

if (import.meta.main) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
