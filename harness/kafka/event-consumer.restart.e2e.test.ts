/**
 * The consumer going away and coming back, with at-least-once delivery throughout.
 *
 * Restarts: offsets are committed only after a handler succeeded, a restarted consumer resumes
 * right after the last committed event, and stop() lets the event in flight finish first, leaves
 * the rest of its batch for later, and gives up an event that is waiting for the database without
 * committing it.
 *
 * Crashes are never silent and never final. kafkajs stops a consumer for good after an error it
 * does not know how to retry (kcat's mock answering a second member's SyncGroup with
 * INVALID_REQUEST is the one met in practice; a TypeError thrown while handling a message is the
 * one a test can provoke every time) and restarts it by itself after others. Either way broker.ts
 * logs one line with the cause, and a consumer kafkajs gave up on is replaced by one that rejoins
 * the group: the message that was in flight is delivered again, since it was never committed.
 *
 * Every test uses a topic and a group of its own, so all of them run side by side, their group
 * joins (3 s each on kcat's mock) overlapping.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it, type ExpectStatic } from 'vitest';
import { createPool } from '../db/pool.ts';
import { EventType, type HandlerMap } from '../events/contract.ts';
import { buildUser, userEvent } from '../events/user.ts';
import { freePort } from '../servers/local-support.ts';
import { kataEnvironment } from '../testing/provided.ts';
import { connectBroker, type BrokerConsumer, type BrokerProducer } from './broker.ts';
import { EventConsumer } from './event-consumer.ts';

const prefix = `kt-rs-${randomBytes(3).toString('hex')}-`;
const topic = `${prefix}users`;
let producer: BrokerProducer;
let brokers: string[];
const brokerConsumers: BrokerConsumer[] = [];

beforeAll(async () => {
  brokers = kataEnvironment().kafkaBrokers!;
  producer = await connectBroker({ brokers, clientId: `${prefix}test` }).producer();
});
afterAll(async () => {
  for (const consumer of brokerConsumers) await consumer.stop();
  await producer?.stop();
});

function consumerWith(handlers: HandlerMap, on = topic, log: (line: string) => void = () => undefined): EventConsumer {
  return new EventConsumer({ brokers, groupId: `${on}-group`, topics: [on], handlers, deadLetterTopic: `${prefix}dlq`, log, outageBackoff: { initialMs: 20, maxMs: 100 } });
}

const eventValue = (id: string) => JSON.stringify(userEvent(EventType.USER_CREATED, buildUser(), { event_id: id }));
const publish = (id: string, on = topic) => producer.send(on, [{ key: 'one-partition', value: eventValue(id) }]);

/** A second consumer in the group: the events it gets, in order, until it has `count` of them. */
async function resumedEvents(expect: ExpectStatic, on: string, count: number): Promise<string[]> {
  const seen: string[] = [];
  const consumer = consumerWith({ [EventType.USER_CREATED]: async (event) => void seen.push(event.event_id) }, on);
  await consumer.start();
  try {
    await expect.poll(() => seen.length, { timeout: 15_000, interval: 50 }).toBeGreaterThanOrEqual(count);
    return seen;
  } finally {
    await consumer.stop();
  }
}

/** A bare BrokerConsumer (broker.ts, below the framework) whose log lines land in `log`. */
async function brokerConsumerOn(on: string, log: string[]): Promise<BrokerConsumer> {
  const consumer = await connectBroker({ brokers, clientId: `${prefix}consumer`, log: (line) => log.push(line) }).consumer({ groupId: `${on}-group`, topics: [on] });
  brokerConsumers.push(consumer);
  return consumer;
}

describe.concurrent('EventConsumer restarts', () => {
  it('finishes the event in flight on stop(), commits it, and a restarted consumer resumes after it with nothing lost', async ({ expect }) => {
    const seenByFirst: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let inFlight!: () => void;
    const slowHandlerStarted = new Promise<void>((resolve) => (inFlight = resolve));
    const first = consumerWith({
      [EventType.USER_CREATED]: async (event) => {
        if (event.event_id === 'slow') {
          inFlight();
          await released;
        }
        seenByFirst.push(event.event_id);
      },
    });
    await first.start();
    await publish('a');
    await publish('slow');
    await slowHandlerStarted;
    const stopping = first.stop();
    release();
    await stopping;
    expect(seenByFirst).toEqual(['a', 'slow']);

    await publish('b');
    await publish('c');

    const seenBySecond: string[] = [];
    const second = consumerWith({ [EventType.USER_CREATED]: async (event) => void seenBySecond.push(event.event_id) });
    await second.start();
    try {
      await expect.poll(() => seenBySecond, { timeout: 15_000, interval: 50 }).toEqual(['b', 'c']);
    } finally {
      await second.stop();
    }
  }, 40_000);

  it('on stop(), handles no more of the batch after the event in flight: the rest comes to the next consumer', async ({ expect }) => {
    const on = `${prefix}batch`;
    const seenByFirst: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let inFlight!: () => void;
    const slowHandlerStarted = new Promise<void>((resolve) => (inFlight = resolve));
    const first = consumerWith(
      {
        [EventType.USER_CREATED]: async (event) => {
          if (event.event_id === 'slow') {
            inFlight();
            await released;
          }
          seenByFirst.push(event.event_id);
        },
      },
      on,
    );
    await first.start();
    // one send, one partition: one batch of four
    await producer.send(on, ['slow', 'x', 'y', 'z'].map((id) => ({ key: 'one-partition', value: eventValue(id) })));
    await slowHandlerStarted;
    const stopping = first.stop();
    release();
    await stopping;
    expect(seenByFirst).toEqual(['slow']);
    expect(await resumedEvents(expect, on, 3)).toEqual(['x', 'y', 'z']);
  }, 40_000);

  it('on stop(), gives up an event that waits for the database, uncommitted: the next consumer gets it', async ({ expect }) => {
    const on = `${prefix}outage`;
    const log: string[] = [];
    // a pool pointed at a port nobody listens on: every write fails with a real ECONNREFUSED
    const unreachable = createPool(`mysql://root@127.0.0.1:${await freePort()}/nowhere`, { connectionLimit: 1 });
    const first = consumerWith({ [EventType.USER_CREATED]: async () => void (await unreachable.execute('SELECT 1')) }, on, (line) => log.push(line));
    try {
      await first.start();
      await publish('waiting', on);
      await expect.poll(() => log.filter((line) => line.includes('waiting for the database')), { timeout: 15_000, interval: 50 }).toHaveLength(1);
      await first.stop();
    } finally {
      await unreachable.end();
    }
    expect(log.filter((line) => line.includes('dead-lettered'))).toEqual([]);
    expect(log.at(-1)).toMatch(/not committed .*-outage\[\d\]@0: the consumer stopped or lost the partition while it waited; it will be delivered again/);
    expect(await resumedEvents(expect, on, 1)).toEqual(['waiting']);
  }, 40_000);
});

describe.concurrent('a crashed consumer', () => {
  it('that kafkajs gives up on is logged in one line with its cause, replaced, and gets the uncommitted message again', async ({ expect }) => {
    const topic = `${prefix}gives-up`;
    const log: string[] = [];
    await producer.send(topic, [{ key: 'k', value: 'first' }]);
    const consumer = await brokerConsumerOn(topic, log);
    const handled: string[] = [];
    let calls = 0;
    await consumer.run(async (message) => {
      calls++;
      // kafkajs treats a TypeError as unrecoverable: without supervision this consumer would
      // stay connected to nothing, forever, and print nothing (kafkajs' log level is NOTHING)
      if (calls === 1) (undefined as unknown as { value: string }).value.trim();
      handled.push(message.value!);
    });
    await expect.poll(() => handled, { timeout: 20_000, interval: 50 }).toEqual(['first']);
    const crashes = log.filter((line) => line.includes('crashed'));
    expect(crashes).toEqual([expect.stringMatching(/^(\S+ )?consumer crashed \(group kt-rs-\w+-gives-up-group\): TypeError: Cannot read properties of undefined \(reading 'value'\).*; kafkajs gave up on it, a new one rejoins in 1 s/)]);
    expect(crashes[0]).not.toContain('\n');
    // joined, crashed, joined again: the replacement is a member of the group
    expect(log.map((line) => (line.includes('joined group') ? 'joined' : line.includes('crashed') ? 'crashed' : line))).toEqual(['joined', 'crashed', 'joined']);

    // and it goes on consuming
    await producer.send(topic, [{ key: 'k', value: 'second' }]);
    await expect.poll(() => handled, { timeout: 10_000, interval: 50 }).toEqual(['first', 'second']);
  }, 40_000);

  it('that kafkajs restarts by itself is logged in one line with its cause too', async ({ expect }) => {
    const topic = `${prefix}restarts`;
    const log: string[] = [];
    await producer.send(topic, [{ key: 'k', value: 'first' }]);
    const consumer = await brokerConsumerOn(topic, log);
    const handled: string[] = [];
    let failing = true;
    await consumer.run(async (message) => {
      // a plain Error: kafkajs retries the batch a few times, then crashes and restarts the consumer
      if (failing) throw new Error('the handler is not ready');
      handled.push(message.value!);
    });
    await expect.poll(() => log.filter((line) => line.includes('crashed')), { timeout: 30_000, interval: 100 }).toEqual([
      expect.stringMatching(/consumer crashed \(group kt-rs-\w+-restarts-group\): Error: the handler is not ready \(KafkaJSNumberOfRetriesExceeded\); kafkajs restarts it/),
    ]);
    failing = false;
    await expect.poll(() => handled, { timeout: 20_000, interval: 50 }).toEqual(['first']);
  }, 60_000);
});
