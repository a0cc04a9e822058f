/**
 * What the framework checks before any handler, and how it says what happened, against a real
 * broker and server: a forged or enormous field cannot forge or flood a log line (and its dead
 * letter keeps the original bytes); a value its column cannot hold exactly, a repeated key, an
 * event on another domain's topic are refused with the field named; a deadlock is logged as one,
 * with its partition and offset; a delete of an unknown id is skipped with a line (the course's
 * rule for unknown ids). One consumer group for the file (one join).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool, PoolConnection } from 'mysql2/promise';
import { createPool } from '../db/pool.ts';
import { wrapEvent, type EventEnvelope, type HandlerMap } from '../events/contract.ts';
import { newObjectId } from '../events/envelope.ts';
import { createDatabase, databaseUrl, dropDatabase, newDatabaseName } from '../testing/database-admin.ts';
import { kataEnvironment } from '../testing/provided.ts';
import { connectBroker, type BrokerProducer, type IncomingMessage } from './broker.ts';
import { CONFLICTS_PER_ATTEMPT, EventConsumer, readDeadLetter, type DeadLetter, type ProcessedEvent } from './event-consumer.ts';
import { knownEntityIn } from './known-entity.ts';

const environment = kataEnvironment();
const prefix = `kt-ct-${randomBytes(3).toString('hex')}-`;
const database = newDatabaseName(environment.runId);
const deadLetterTopic = `${prefix}dead-letter`;

const handled: EventEnvelope[] = [];
/** event ids whose handler provokes a real deadlock on its first call */
const deadlockOnce = new Set<string>();
/** event ids whose handler always hits a lock wait timeout (its statement waits on its own transaction's locks) */
const lockedForever = new Set<string>();
let pool: Pool;

async function provokeDeadlock(): Promise<void> {
  const first: PoolConnection = await pool.getConnection();
  const second: PoolConnection = await pool.getConnection();
  try {
    await first.beginTransaction();
    await second.beginTransaction();
    await first.execute("UPDATE accounts SET note = 'x' WHERE id = 1");
    await second.execute("UPDATE accounts SET note = 'y' WHERE id = 2");
    // each now waits for the other's row: InnoDB rolls one back at once; its error is thrown
    const results = await Promise.allSettled([first.execute("UPDATE accounts SET note = 'x' WHERE id = 2"), second.execute("UPDATE accounts SET note = 'y' WHERE id = 1")]);
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  } finally {
    await first.rollback().catch(() => undefined);
    await second.rollback().catch(() => undefined);
    first.release();
    second.release();
  }
}

const record = async (event: EventEnvelope) => {
  if (deadlockOnce.delete(event.event_id)) await provokeDeadlock();
  if (lockedForever.has(event.event_id)) throw Object.assign(new Error('Lock wait timeout exceeded; try restarting transaction'), { errno: 1205, code: 'ER_LOCK_WAIT_TIMEOUT' });
  if (event.event_type === 'user.deleted') await pool.execute('UPDATE users SET deleted = 1 WHERE user_id = ?', [event.entity_id]);
  handled.push(event);
};
const handlers: HandlerMap = Object.fromEntries(
  ['user.created', 'user.updated', 'user.deleted', 'product.created', 'post.created', 'order.created', 'order.cancelled'].map((type) => [type, record]),
);

const log: string[] = [];
const processed: ProcessedEvent[] = [];
const deadLetters: DeadLetter[] = [];
let consumer: EventConsumer;
let producer: BrokerProducer;
let stopReader: () => Promise<void>;

beforeAll(async () => {
  await createDatabase(environment.mysqlUrl, database);
  pool = createPool(databaseUrl(environment.mysqlUrl, database));
  await pool.query('CREATE TABLE accounts (id INT PRIMARY KEY, note VARCHAR(10))');
  await pool.query("INSERT INTO accounts VALUES (1, ''), (2, '')");
  await pool.query('CREATE TABLE users (user_id CHAR(24) PRIMARY KEY, deleted TINYINT NOT NULL DEFAULT 0)');
  const brokers = environment.kafkaBrokers!;
  consumer = new EventConsumer({
    brokers,
    groupId: `${prefix}group`,
    topics: ['users', 'products', 'posts', 'orders'].map((topic) => prefix + topic),
    topicPrefix: prefix,
    handlers,
    deadLetterTopic,
    knownEntity: knownEntityIn(() => pool),
    log: (line) => log.push(line),
    retry: { attempts: 3, backoffMs: 5 },
    outageBackoff: { initialMs: 20, maxMs: 200 },
  });
  consumer.onProcessed((event) => processed.push(event));
  const connection = connectBroker({ brokers, clientId: `${prefix}test`, log: () => undefined });
  producer = await connection.producer();
  await producer.send(deadLetterTopic, [{ value: 'warm-up' }]);
  const reader = await connection.consumer({ groupId: `${prefix}dlq-reader`, topics: [deadLetterTopic] });
  await Promise.all([consumer.start(), reader.run(async (message: IncomingMessage) => void (message.value !== 'warm-up' && deadLetters.push(readDeadLetter(message))))]);
  stopReader = () => reader.stop();
}, 60_000);

afterAll(async () => {
  await consumer?.stop();
  await stopReader?.();
  await producer?.stop();
  await pool?.end();
  await dropDatabase(environment.mysqlUrl, database);
});

/** Publishes raw values on a topic and waits until the framework has processed each of them. */
async function publish(topic: string, ...values: string[]): Promise<ProcessedEvent[]> {
  const before = processed.length;
  for (const value of values) await producer.send(prefix + topic, [{ key: 'same-partition', value }]);
  await expect.poll(() => processed.length, { timeout: 15_000, interval: 20 }).toBeGreaterThanOrEqual(before + values.length);
  return processed.slice(before, before + values.length);
}

const userCreated = () => wrapEvent('user.created', newObjectId(), { user_id: 'x', version: 1 });

describe('log lines', () => {
  it('escape control characters and cap each field: a forged event_type cannot forge a line, 200 KB cannot flood one, NUL bytes stay out', async () => {
    const forged = { ...userCreated(), event_type: 'user.created\nstored        user.created entity=FORGED event_id=x from users[0]@1 in 1 ms' };
    const enormous = { ...userCreated(), entity_id: 'e'.repeat(200_000) };
    const binary = { ...userCreated(), event_type: 'user.\u0000created\u2028' };
    const values = [forged, enormous, binary].map((event) => JSON.stringify(event));
    const before = log.length;
    const results = await publish('users', ...values);
    expect(results.map((result) => result.outcome)).toEqual(['dead-lettered', 'stored', 'dead-lettered']);
    const lines = log.slice(before);
    expect(lines.filter((line) => line.split('\n').length > 1 || /^\S*stored\S*\s+user\.created entity=FORGED/.test(line))).toEqual([]);
    expect(lines.join('\n')).toContain('user.created\\nstored        user.created entity=FORGED');
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(2_000);
    expect(lines.join('\n')).toContain(`${'e'.repeat(200)}…[cut: 200,000 chars in all]`);
    expect(lines.join('\n')).toContain('user.\\x00created\\u2028');
    expect(lines.join('\n')).not.toMatch(/[\u0000\u2028]/);
    // the letters keep the original bytes
    await expect.poll(() => deadLetters.filter((letter) => [forged.event_id, binary.event_id].includes(letter.event_id!)).length, { timeout: 10_000 }).toBe(2);
    expect(deadLetters.find((letter) => letter.event_id === forged.event_id)!.value).toBe(values[0]);
    expect(deadLetters.find((letter) => letter.event_id === binary.event_id)!.value).toBe(values[2]);
  });
});

describe('the event contract, checked before any handler', () => {
  const refused: [string, string, string, RegExp][] = [
    ['money beyond its scale', 'products', JSON.stringify(wrapEvent('product.created', newObjectId(), { price: '24.499' })), /"data\.price" is "24\.499": more than 2 decimals/],
    ['a fraction where an integer belongs', 'users', JSON.stringify(wrapEvent('user.created', newObjectId(), { version: 1.5 })), /"data\.version" is 1\.5: a whole number belongs there/],
    ['an integer beyond 2^53', 'posts', JSON.stringify(wrapEvent('post.created', newObjectId(), { stats: { views: 1 } })).replace('"views":1', '"views":9007199254740993'), /"data\.stats\.views" is beyond 2\^53 - 1/],
    [
      'two items with one item_id',
      'orders',
      JSON.stringify(wrapEvent('order.created', newObjectId(), { items: [{ item_id: 'ln-01', quantity: 1 }, { item_id: 'ln-01', quantity: 2 }] })),
      /"data\.items\[1\]\.item_id" repeats "ln-01" of "data\.items\[0\]"/,
    ],
    [
      'a repeated variant key',
      'products',
      JSON.stringify(wrapEvent('product.created', newObjectId(), { variants: { 'red-xl': { stock: 1 } } })).replace('"variants":{', '"variants":{"red-xl":{"stock":2},'),
      /"data\.variants\.red-xl" appears twice in one object/,
    ],
    ['an event type that does not belong to its topic', 'orders', JSON.stringify(userCreated()), new RegExp(`"event_type" user\\.created belongs to the topic ${prefix}users, not ${prefix}orders`)],
  ];
  it.each(refused)('refuses %s, naming the field in the dead letter', async (_, topic, value, reason) => {
    const handledBefore = handled.length;
    const [result] = await publish(topic, value);
    expect(result).toMatchObject({ outcome: 'dead-lettered', reason: 'contract-violation', error: expect.stringMatching(reason) });
    expect(handled.length).toBe(handledBefore);
    const eventId = (JSON.parse(value) as EventEnvelope).event_id;
    await expect.poll(() => deadLetters.find((letter) => letter.event_id === eventId), { timeout: 10_000 }).toMatchObject({ reason: 'contract-violation', error: expect.stringMatching(reason), value });
  });

  it('stores the same events when their values fit exactly', async () => {
    const fitting = [
      ['products', wrapEvent('product.created', newObjectId(), { price: '24.490', variants: { 'red-xl': { price: '1.5', stock: 3 } } })],
      ['users', wrapEvent('user.created', newObjectId(), { version: 2 })],
      ['posts', wrapEvent('post.created', newObjectId(), { stats: { views: 9007199254740991 } })],
      ['orders', wrapEvent('order.created', newObjectId(), { items: [{ item_id: 'ln-01', quantity: 1, unit_price: '0.99' }, { item_id: 'ln-02', quantity: 2 }] })],
    ] as const;
    for (const [topic, event] of fitting) expect((await publish(topic, JSON.stringify(event)))[0]).toMatchObject({ outcome: 'stored' });
  });
});

describe('database conflicts', () => {
  it('a deadlock is retried and logged as a deadlock with the partition and offset, not as waiting for the database', async () => {
    const event = userCreated();
    deadlockOnce.add(event.event_id);
    const before = log.length;
    const [result] = await publish('users', JSON.stringify(event));
    expect(result).toMatchObject({ outcome: 'stored', attempts: 1 });
    const lines = log.slice(before);
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`deadlock \\(ER_LOCK_DEADLOCK 1213\\) on ${prefix}users\\[\\d+\\]@${result!.source.offset} user\\.created entity=${event.entity_id}: the server rolled its statement back; trying it again in`)),
    );
    expect(lines.filter((line) => line.includes('waiting for the database') || line.includes('answers again'))).toEqual([]);
  });

  it(`the same lock conflict ${CONFLICTS_PER_ATTEMPT} times in a row counts as a failed attempt: the event is dead-lettered in the end, not retried forever`, async () => {
    const event = userCreated();
    lockedForever.add(event.event_id);
    const before = log.length;
    const [result] = await publish('users', JSON.stringify(event));
    expect(result).toMatchObject({ outcome: 'dead-lettered', reason: 'handler-failed', attempts: 3 });
    const lines = log.slice(before);
    expect(lines.filter((line) => line.includes('not counted as a failed attempt'))).toHaveLength(3 * (CONFLICTS_PER_ATTEMPT - 1));
    expect(lines.filter((line) => line.includes(`${CONFLICTS_PER_ATTEMPT} times in a row: counted as a failed attempt`))).toHaveLength(3);
  });
});

describe('unknown ids (the course rule)', () => {
  it('a delete of an id the database does not have changes nothing and is skipped with a line; a known one reaches the handler', async () => {
    const known = newObjectId();
    await pool.execute('INSERT INTO users (user_id) VALUES (?)', [known]);
    const unknown = wrapEvent('user.deleted', newObjectId(), { user_id: 'x' });
    const before = log.length;
    const [skipped, deleted] = await publish('users', JSON.stringify(unknown), JSON.stringify(wrapEvent('user.deleted', known, { user_id: known })));
    expect(skipped).toMatchObject({ outcome: 'skipped', reason: 'unknown-entity', error: `no users row has user_id=${unknown.entity_id}` });
    expect(deleted).toMatchObject({ outcome: 'stored' });
    expect(log.slice(before)).toContainEqual(expect.stringMatching(new RegExp(`skipped.* user\\.deleted entity=${unknown.entity_id} .*: no users row has user_id=${unknown.entity_id}: nothing to change`)));
    expect(handled.map((event) => event.entity_id)).not.toContain(unknown.entity_id);
  });
});
