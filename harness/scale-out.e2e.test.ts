/**
 * Scale-out, as kata 07's lesson ("What's next") describes it: two instances of the service's
 * consumer in ONE consumer group on the test broker split the partitions; a burst of events for
 * many orders, each order's events keyed by its id, ends with every order in its last state, every
 * event applied, each order's events applied in the order they were published; then one instance
 * stops and the other takes its partitions over without losing anything.
 *
 * The handlers are the test's own and deliberately order-sensitive (a plain "last write wins"
 * upsert, no guard on event times): only if the framework keeps each partition in order does
 * every order end in its last state. Each delivery is logged in a table with the instance that
 * handled it, so that redeliveries (at least once) are counted, not hidden.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { createPool } from './db/pool.ts';
import { EventType, type EventEnvelope, type HandlerMap } from './events/contract.ts';
import { buildOrder, orderEvent, orderWithStatus, type OrderCancelledData, type OrderDocument } from './events/order.ts';
import { connectBroker, type BrokerProducer } from './kafka/broker.ts';
import { EventConsumer } from './kafka/event-consumer.ts';
import { createDatabase, databaseUrl, dropDatabase, newDatabaseName } from './testing/database-admin.ts';
import { kataEnvironment } from './testing/provided.ts';

const ORDERS = 40;
const prefix = `kt-scale-${randomBytes(3).toString('hex')}-`;
const topic = `${prefix}orders`;
const environment = kataEnvironment();
const database = newDatabaseName(environment.runId);

let pool: Pool;
let producer: BrokerProducer;
const instances: { name: string; consumer: EventConsumer; pool: Pool; log: string[] }[] = [];

/** The UTC DATETIME(6) text of an envelope timestamp (the test's events all use +00:00). */
const sqlTime = (iso: string) => iso.replace('T', ' ').replace(/(\.\d+)?(Z|\+00:00)$/, (_, fraction: string | undefined) => (fraction ?? '.').padEnd(7, '0'));

/** Plain last-write-wins upserts (no guard): the final row is the last event APPLIED. */
function handlersFor(name: string, on: Pool): HandlerMap {
  const logDelivery = (event: EventEnvelope<object>) =>
    on.execute('INSERT INTO scale_deliveries (event_id, order_id, instance) VALUES (?, ?, ?)', [event.event_id, event.entity_id, name]);
  const store = async (event: EventEnvelope<OrderDocument>) => {
    await on.execute(
      'INSERT INTO scale_orders (order_id, order_number, status, last_event_id, event_timestamp) VALUES (?, ?, ?, ?, ?) ' +
        'ON DUPLICATE KEY UPDATE status = VALUES(status), last_event_id = VALUES(last_event_id), event_timestamp = VALUES(event_timestamp)',
      [event.entity_id, event.data.order_number, event.data.status, event.event_id, sqlTime(event.timestamp)],
    );
    await logDelivery(event);
  };
  return {
    [EventType.ORDER_CREATED]: store,
    [EventType.ORDER_STATUS_CHANGED]: store,
    [EventType.ORDER_CANCELLED]: async (event: EventEnvelope<OrderCancelledData>) => {
      await on.execute("UPDATE scale_orders SET status = 'cancelled', last_event_id = ?, event_timestamp = ? WHERE order_number = ?", [
        event.event_id,
        sqlTime(event.timestamp),
        event.data.order_number,
      ]);
      await logDelivery(event);
    },
  };
}

async function startInstance(name: string): Promise<void> {
  const own = createPool(databaseUrl(environment.mysqlUrl, database), { connectionLimit: 4 });
  const log: string[] = [];
  const consumer = new EventConsumer({
    brokers: environment.kafkaBrokers!,
    groupId: `${prefix}group`,
    topics: [topic],
    handlers: handlersFor(name, own),
    deadLetterTopic: `${prefix}dead-letter`,
    log: (line) => log.push(line),
  });
  instances.push({ name, consumer, pool: own, log });
  await consumer.start();
}

/** An order's events, in the order the backend publishes them; every third order is cancelled at the end. */
function lifeOf(index: number, minute: number): EventEnvelope<object>[] {
  const order = buildOrder();
  const at = (second: number) => `2026-03-14T10:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}.${String(index).padStart(6, '0')}+00:00`;
  const paid = orderWithStatus(order, 'paid', at(10));
  const shipped = orderWithStatus(paid, 'shipped', at(20));
  const events: EventEnvelope<object>[] = [
    orderEvent(EventType.ORDER_CREATED, order, { timestamp: at(1) }),
    orderEvent(EventType.ORDER_STATUS_CHANGED, paid, { timestamp: at(11) }),
    orderEvent(EventType.ORDER_STATUS_CHANGED, shipped, { timestamp: at(21) }),
  ];
  if (index % 3 === 0) {
    events.push(orderEvent(EventType.ORDER_CANCELLED, { order_number: order.order_number, reason: 'lost in transit', cancelled_at: at(30) }, { entity_id: order.order_id, timestamp: at(31) }));
  }
  return events;
}

/** Publishes the orders' events interleaved (one of each order in turn), each keyed by its order id. */
async function publish(lives: readonly EventEnvelope<object>[][]): Promise<void> {
  const longest = Math.max(...lives.map((life) => life.length));
  for (let step = 0; step < longest; step++) {
    const batch = lives.flatMap((life) => (life[step] ? [life[step]!] : []));
    await producer.send(topic, batch.map((event) => ({ key: event.entity_id, value: JSON.stringify(event) })));
  }
}

/** The partitions an instance holds now: its last "joined group" line. */
function partitionsOf(log: readonly string[]): number[] {
  const joined = log.filter((line) => line.includes('joined group')).at(-1) ?? '';
  const match = new RegExp(`${topic}\\[([\\d,]+)\\]`).exec(joined);
  return match ? match[1]!.split(',').map(Number) : [];
}

const rows = async <T>(sql: string, params: unknown[] = []) => (await pool.query<RowDataPacket[]>(sql, params))[0] as T[];

beforeAll(async () => {
  await createDatabase(environment.mysqlUrl, database);
  pool = createPool(databaseUrl(environment.mysqlUrl, database), { connectionLimit: 2 });
  await pool.query(
    'CREATE TABLE scale_orders (order_id VARCHAR(24) NOT NULL PRIMARY KEY, order_number VARCHAR(32) NOT NULL UNIQUE, status VARCHAR(20) NOT NULL, last_event_id VARCHAR(36) NOT NULL, event_timestamp DATETIME(6) NOT NULL) ENGINE=InnoDB',
  );
  await pool.query(
    'CREATE TABLE scale_deliveries (n BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, event_id VARCHAR(36) NOT NULL, order_id VARCHAR(24) NOT NULL, instance VARCHAR(8) NOT NULL) ENGINE=InnoDB',
  );
  producer = await connectBroker({ brokers: environment.kafkaBrokers!, clientId: `${prefix}producer` }).producer();
}, 30_000);

afterAll(async () => {
  for (const instance of instances) {
    await instance.consumer.stop().catch(() => undefined);
    await instance.pool.end().catch(() => undefined);
  }
  await producer?.stop();
  await pool?.end();
  await dropDatabase(environment.mysqlUrl, database);
});

describe('scale-out: two instances of the service in one consumer group', () => {
  it('split the partitions, apply each order\'s events in order, and leave every order in its last state; one stops, the other takes over', async () => {
    await startInstance('A');
    await startInstance('B');
    // both members hold their share once the group has settled (the first joiner rejoins after the second arrives)
    await expect.poll(() => instances.map((instance) => instance.log.some((line) => line.includes('joined group'))), { timeout: 30_000, interval: 100 }).toEqual([true, true]);
    await expect
      .poll(() => new Set([...partitionsOf(instances[0]!.log), ...partitionsOf(instances[1]!.log)]).size === partitionsOf(instances[0]!.log).length + partitionsOf(instances[1]!.log).length, {
        timeout: 30_000,
        interval: 100,
      })
      .toBe(true);

    const lives = Array.from({ length: ORDERS }, (_, index) => lifeOf(index, 1));
    const published = lives.flat();
    await publish(lives);
    await expect.poll(async () => (await rows<{ n: number }>('SELECT COUNT(DISTINCT event_id) AS n FROM scale_deliveries'))[0]!.n, { timeout: 60_000, interval: 200 }).toBe(published.length);

    const [first, second] = instances;
    const split = [partitionsOf(first!.log), partitionsOf(second!.log)];
    const byInstance = await rows<{ instance: string; n: number }>('SELECT instance, COUNT(*) AS n FROM scale_deliveries GROUP BY instance ORDER BY instance');
    if (split[0]!.length > 0 && split[1]!.length > 0) {
      // several partitions: both members worked (40 orders over them; all on one side has odds of 2^-39)
      expect(byInstance.map((row) => row.instance), `With the partitions split ${JSON.stringify(split)}, both instances should have handled events.`).toEqual(['A', 'B']);
    }

    // the second phase: B leaves the group; A takes its partitions over and handles what comes next
    await second!.consumer.stop();
    const more = lives.map((life, index) => {
      const order = (life[0] as EventEnvelope<OrderDocument>).data;
      const delivered = orderWithStatus(orderWithStatus(orderWithStatus(order, 'paid', '2026-03-14T10:01:10Z'), 'shipped', '2026-03-14T10:01:20Z'), 'delivered', '2026-03-14T11:00:00Z');
      return index % 3 === 0 ? [] : [orderEvent(EventType.ORDER_STATUS_CHANGED, delivered, { timestamp: `2026-03-14T11:00:00.${String(index).padStart(6, '0')}+00:00` })];
    });
    published.push(...more.flat());
    await publish(more);
    await expect.poll(async () => (await rows<{ n: number }>('SELECT COUNT(DISTINCT event_id) AS n FROM scale_deliveries'))[0]!.n, { timeout: 60_000, interval: 200 }).toBe(published.length);

    // every order in its last state: the last event published for it is the last one applied
    const lastOf = new Map<string, EventEnvelope<object>>();
    for (const event of published) lastOf.set(event.entity_id, event);
    const stored = await rows<{ order_id: string; status: string; last_event_id: string }>('SELECT order_id, status, last_event_id FROM scale_orders ORDER BY order_id');
    expect(stored.length, 'one row per order, stored once').toBe(ORDERS);
    for (const row of stored) {
      const last = lastOf.get(row.order_id)!;
      const status = last.event_type === EventType.ORDER_CANCELLED ? 'cancelled' : (last.data as OrderDocument).status;
      expect({ order: row.order_id, status: row.status, last: row.last_event_id }, 'each order ends with its last event applied').toEqual({ order: row.order_id, status, last: last.event_id });
    }

    // each order's events were applied in the order they were published (a redelivery may repeat some, never skip back past them)
    const deliveries = await rows<{ event_id: string; order_id: string }>('SELECT event_id, order_id FROM scale_deliveries ORDER BY n');
    const position = new Map(published.map((event, index) => [event.event_id, index]));
    const firstSeen = new Map<string, number[]>();
    const seen = new Set<string>();
    for (const delivery of deliveries) {
      if (seen.has(delivery.event_id)) continue;
      seen.add(delivery.event_id);
      firstSeen.set(delivery.order_id, [...(firstSeen.get(delivery.order_id) ?? []), position.get(delivery.event_id)!]);
    }
    for (const [order, order_positions] of firstSeen) {
      expect(order_positions, `order ${order}: its events, first applied in publishing order`).toEqual([...order_positions].sort((a, b) => a - b));
    }
    expect(partitionsOf(first!.log).length, 'after B left, A holds every partition').toBeGreaterThanOrEqual(split[0]!.length + split[1]!.length);
  }, 150_000);
});
