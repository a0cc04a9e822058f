/**
 * A database outage is not the events' fault. With the database stopped, the framework keeps the
 * events uncommitted and waits (saying so once in the log); once the database is back every good
 * event is stored, in order, and only an event that is wrong in itself is dead-lettered.
 *
 * The file starts a MariaDB/MySQL server of its own and stops it mid-test: the run's shared server
 * is never touched. It needs the server's local binaries (the local path; CI runs it there).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { createPool } from '../db/pool.ts';
import { EventType, type EventEnvelope, type HandlerMap } from '../events/contract.ts';
import { buildUser, userEvent, type UserDocument } from '../events/user.ts';
import { withAdminConnection } from '../testing/database-admin.ts';
import { freePort } from '../servers/local-support.ts';
import { localMysqlAvailable, startLocalMysql, type StartedServer } from '../servers/local-mysql.ts';
import { kataEnvironment } from '../testing/provided.ts';
import { connectBroker, type BrokerProducer } from './broker.ts';
import { EventConsumer, type ProcessedEvent } from './event-consumer.ts';

const prefix = `kt-outage-${randomBytes(3).toString('hex')}-`;
const topic = `${prefix}users`;

describe.skipIf(!localMysqlAvailable())('a database outage', () => {
  let dataDir: string;
  let port: number;
  let server: StartedServer | undefined;
  let pool: Pool;
  let producer: BrokerProducer;
  let consumer: EventConsumer;
  const log: string[] = [];
  const processed: ProcessedEvent[] = [];

  const startServer = async () => {
    server = await startLocalMysql({ persistentDataDir: dataDir, port });
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kata-outage-'));
    port = await freePort();
    await startServer();
    await withAdminConnection(server!.url, async (connection) => {
      await connection.query('CREATE DATABASE outage CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
      await connection.query('CREATE TABLE outage.users (user_id VARCHAR(24) PRIMARY KEY, email VARCHAR(255) NOT NULL, version INT NOT NULL)');
    });
    pool = createPool(`${server!.url}outage`);
    const upsert = async (event: EventEnvelope<UserDocument>) => {
      await pool.execute(
        'INSERT INTO users (user_id, email, version) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE email = VALUES(email), version = VALUES(version)',
        [event.entity_id, event.data.contact_info.primary_email, event.data.version],
      );
    };
    const handlers: HandlerMap = { [EventType.USER_CREATED]: upsert, [EventType.USER_UPDATED]: upsert };
    const brokers = kataEnvironment().kafkaBrokers!;
    producer = await connectBroker({ brokers, clientId: `${prefix}producer` }).producer();
    consumer = new EventConsumer({
      brokers,
      groupId: `${prefix}group`,
      topics: [topic],
      handlers,
      deadLetterTopic: `${prefix}dead-letter`,
      retry: { attempts: 3, backoffMs: 5 },
      outageBackoff: { initialMs: 50, maxMs: 400 },
      log: (line) => log.push(line),
    });
    consumer.onProcessed((event) => processed.push(event));
    await consumer.start();
  }, 60_000);

  afterAll(async () => {
    await consumer?.stop();
    await producer?.stop();
    await pool?.end();
    await server?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const publish = (events: EventEnvelope[]) => producer.send(topic, events.map((event) => ({ key: event.entity_id, value: JSON.stringify(event) })));

  it('holds the events while the database is stopped, dead-letters none of the good ones, and leaves every row in its last state', async () => {
    const users = Array.from({ length: 20 }, () => buildUser());
    await publish(users.map((user) => userEvent(EventType.USER_CREATED, user)));
    await expect.poll(() => processed.length, { timeout: 20_000, interval: 50 }).toBe(20);

    await server!.stop();
    server = undefined;
    // three updates per user while the database is down, and one event that is wrong in itself
    const updates = [2, 3, 4].flatMap((version) => users.map((user) => userEvent(EventType.USER_UPDATED, { ...user, version })));
    const broken = userEvent(EventType.USER_CREATED, buildUser({ contact_info: { primary_email: null as unknown as string } }));
    await publish([...updates, broken]);
    await expect.poll(() => log.filter((line) => line.includes('waiting for the database')), { timeout: 20_000, interval: 50 }).toEqual([
      expect.stringMatching(/waiting for the database: (ECONNREFUSED|PROTOCOL_CONNECTION_LOST|ER_SERVER_SHUTDOWN|ER_CONNECTION_KILLED|connection closed)\b.*stay uncommitted and are tried again until it answers/),
    ]);
    expect(processed.slice(20)).toEqual([]);

    await startServer();
    await expect.poll(() => processed.length, { timeout: 30_000, interval: 50 }).toBe(20 + updates.length + 1);
    const afterOutage = processed.slice(20);
    expect(afterOutage.filter((event) => event.outcome !== 'stored').map((event) => [event.eventId, event.reason, event.error])).toEqual([
      [broken.event_id, 'handler-failed', expect.stringMatching(/cannot be null|ER_BAD_NULL_ERROR/i)],
    ]);
    expect(log.filter((line) => line.includes('waiting for the database'))).toHaveLength(1);
    expect(log.some((line) => /the database answers again after \d+(\.\d)? s; resuming/.test(line))).toBe(true);
    const [rows] = await pool.query<RowDataPacket[]>('SELECT user_id, version FROM users');
    expect(new Map(rows.map((row) => [row.user_id as string, Number(row.version)]))).toEqual(new Map(users.map((user) => [user.user_id, 4])));
  }, 90_000);
});
