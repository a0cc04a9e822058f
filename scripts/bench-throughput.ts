/**
 * npm run bench -- throughput: how fast the service stores events, against the floor that matters,
 * the same per-event upserts run as a plain single-row execute() loop on the same database.
 *
 *   loop      kata 01's reference handlers called one event after the other (no Kafka)
 *   service   the consumer framework (harness/kafka/event-consumer.ts) draining a backlog of the
 *             same events from the broker, with the same handlers, logging its line per event
 *
 * Each round runs both on an empty table, one after the other, so that a machine whose load
 * changes (other processes, CI neighbours) weighs on both alike; the figures are the medians over
 * the rounds. The service is timed from its first stored event to its last (joining the group is
 * not throughput). After every run each row must hold its user's last version: a fast run that
 * loses events or their order is reported as wrong, not as fast.
 *
 *   --events N   events per run (default 20,000; kcat's mock keeps only 5 MB per partition)
 *   --users N    distinct users, i.e. keys (default 2,000)
 *   --rounds N   (default 5)
 */
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { devNull } from 'node:os';
import { parseArgs } from 'node:util';
import type { RowDataPacket } from 'mysql2';
import { closePool, configureDatabase, getPool } from '../harness/db/pool.ts';
import { applyTables } from '../harness/db/tables.ts';
import { EventType, type EventEnvelope, type HandlerMap } from '../harness/events/contract.ts';
import { buildUser, userEvent, type UserDocument } from '../harness/events/user.ts';
import { connectBroker } from '../harness/kafka/broker.ts';
import { EventConsumer } from '../harness/kafka/event-consumer.ts';
import { createDatabase, databaseUrl, dropDatabase, newDatabaseName } from '../harness/testing/database-admin.ts';
import { startServers } from '../harness/servers/start.ts';
import { tables } from '../spec/solutions/01-user/tables.ts';
import { UserConsumer } from '../spec/solutions/01-user/user-consumer.ts';

/** The service counts as stalled when nothing is processed for this long. */
const STALL_MS = 15_000;

export async function throughputBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      events: { type: 'string', default: '20000' },
      users: { type: 'string', default: '2000' },
      rounds: { type: 'string', default: '5' },
    },
  });
  const eventCount = Number(values.events);
  const userCount = Math.min(Number(values.users), eventCount);
  const rounds = Number(values.rounds);
  const environment = await startServers({ kafka: true, prefer: 'local' });
  console.log(environment.summary);
  const database = newDatabaseName(`bench${randomBytes(2).toString('hex')}`);
  await createDatabase(environment.mysqlUrl, database);
  try {
    await configureDatabase(databaseUrl(environment.mysqlUrl, database));
    await applyTables(getPool(), tables);
    const handlers = new UserConsumer().getHandlers();
    const loopRates: number[] = [];
    const serviceRates: number[] = [];
    for (let round = 1; round <= rounds; round++) {
      const events = userEvents(eventCount, userCount);
      loopRates.push(await measureLoop(handlers, events));
      await expectLastVersions(events, 'loop');
      serviceRates.push(await measureService(environment.kafkaBrokers!, handlers, events));
      await expectLastVersions(events, 'service');
      console.log(`  round ${round}: loop ${format(loopRates.at(-1)!)} events/s, service ${format(serviceRates.at(-1)!)} events/s`);
    }
    const loop = median(loopRates);
    const service = median(serviceRates);
    const ratio = service / loop;
    console.log(`\nthroughput, ${eventCount} user events over ${userCount} users (kata 01 reference handlers), median of ${rounds} rounds\n`);
    console.log(`  single-row execute() loop   ${format(loop).padStart(7)} events/s`);
    console.log(`  service (EventConsumer)     ${format(service).padStart(7)} events/s`);
    console.log(`  ratio service / loop        ${ratio.toFixed(2).padStart(7)}   (target >= 0.80: ${ratio >= 0.8 ? 'met' : 'NOT MET'})`);
  } finally {
    await closePool();
    await dropDatabase(environment.mysqlUrl, database).catch(() => undefined);
    await environment.stop();
  }
}

/** user.created for every user, then updates with rising versions, users interleaved. */
function userEvents(count: number, users: number): EventEnvelope<UserDocument>[] {
  const documents = Array.from({ length: users }, () => buildUser());
  return Array.from({ length: count }, (_, i) => {
    const document = documents[i % users]!;
    const version = Math.floor(i / users) + 1;
    return userEvent(version === 1 ? EventType.USER_CREATED : EventType.USER_UPDATED, { ...document, version });
  });
}

async function measureLoop(handlers: HandlerMap, events: EventEnvelope[]): Promise<number> {
  await getPool().query('TRUNCATE TABLE users');
  const started = performance.now();
  for (const event of events) await handlers[event.event_type as EventType]!(event);
  return events.length / ((performance.now() - started) / 1000);
}

async function measureService(brokers: string[], handlers: HandlerMap, events: EventEnvelope[]): Promise<number> {
  await getPool().query('TRUNCATE TABLE users');
  const prefix = `bench-${randomBytes(3).toString('hex')}-`;
  const topic = `${prefix}users`;
  const producer = await connectBroker({ brokers, clientId: `${prefix}producer` }).producer();
  try {
    for (let i = 0; i < events.length; i += 1_000) {
      await producer.send(topic, events.slice(i, i + 1_000).map((event) => ({ key: event.entity_id, value: JSON.stringify(event) })));
    }
  } finally {
    await producer.stop();
  }
  // the service's line per event is part of its cost: written, as the service does, synchronously
  const logFile = openSync(devNull, 'w');
  const consumer = new EventConsumer({
    brokers,
    groupId: `${prefix}group`,
    topics: [topic],
    handlers,
    deadLetterTopic: `${prefix}dead-letter`,
    log: (line) => void writeSync(logFile, line + '\n'),
  });
  let first = 0;
  let last = 0;
  let processed = 0;
  let failed = 0;
  const done = Promise.withResolvers<void>();
  consumer.onProcessed((event) => {
    if (processed === 0) first = performance.now();
    last = performance.now();
    processed++;
    if (event.outcome !== 'stored') failed++;
    if (processed === events.length) done.resolve();
  });
  const watchdog = setInterval(() => {
    if (processed > 0 && performance.now() - last > STALL_MS) {
      done.reject(new Error(`the service stalled after ${processed} of ${events.length} events (kcat's mock keeps only 5 MB per partition: try fewer --events)`));
    }
  }, 1_000);
  try {
    await consumer.start();
    await done.promise;
  } finally {
    clearInterval(watchdog);
    await consumer.stop();
    closeSync(logFile);
  }
  if (failed > 0) throw new Error(`the service dead-lettered ${failed} good event(s): the figure would be meaningless`);
  return (events.length - 1) / ((last - first) / 1000);
}

async function expectLastVersions(events: EventEnvelope<UserDocument>[], run: string): Promise<void> {
  const expected = new Map(events.map((event) => [event.entity_id, event.data.version]));
  const [rows] = await getPool().query<RowDataPacket[]>('SELECT user_id, version FROM users');
  const wrong = rows.filter((row) => expected.get(String(row.user_id)) !== Number(row.version)).length;
  if (rows.length !== expected.size || wrong > 0) {
    throw new Error(`${run}: ${rows.length} rows for ${expected.size} users, ${wrong} not at their last version`);
  }
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function format(rate: number): string {
  return Math.round(rate).toLocaleString('en');
}
