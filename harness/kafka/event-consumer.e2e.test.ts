/**
 * The consumer framework against a real broker: routing, logging, dead letters (size included),
 * tombstones, retries. Every test shares one consumer group (one 3 s join); each uses its own events.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventType, type EventEnvelope, type HandlerMap } from '../events/contract.ts';
import { buildUser, userEvent } from '../events/user.ts';
import { kataEnvironment } from '../testing/provided.ts';
import { connectBroker, type BrokerProducer, type IncomingMessage } from './broker.ts';
import { EventConsumer, readDeadLetter, type DeadLetter, type ProcessedEvent } from './event-consumer.ts';

const prefix = `kt-fw-${randomBytes(3).toString('hex')}-`;
const topic = `${prefix}users`;
const deadLetterTopic = `${prefix}dead-letter`;

const stored: EventEnvelope[] = [];
const failuresLeft = new Map<string, number>();
const handlers: HandlerMap = {
  [EventType.USER_CREATED]: async (event) => {
    const left = failuresLeft.get(event.event_id) ?? 0;
    if (left > 0) {
      failuresLeft.set(event.event_id, left - 1);
      throw new Error(`database is down (${left} failure(s) left)`);
    }
    stored.push(event);
  },
};

const log: string[] = [];
const processed: ProcessedEvent[] = [];
const deadLetters: DeadLetter[] = [];
/** bytes of each letter (value and headers), by its offset on the dead-letter topic */
const letterSizes = new Map<string, number>();
let consumer: EventConsumer;
let producer: BrokerProducer;
let stopDeadLetterReader: () => Promise<void>;

beforeAll(async () => {
  const brokers = kataEnvironment().kafkaBrokers!;
  consumer = new EventConsumer({ brokers, groupId: `${prefix}group`, topics: [topic], handlers, deadLetterTopic, log: (line) => log.push(line), retry: { attempts: 3, backoffMs: 5 } });
  consumer.onProcessed((event) => processed.push(event));
  const connection = connectBroker({ brokers, clientId: `${prefix}test`, log: () => undefined });
  producer = await connection.producer();
  // the dead-letter topic is read by a consumer of its own, as an operator would
  await producer.send(deadLetterTopic, [{ value: 'warm-up' }]);
  const reader = await connection.consumer({ groupId: `${prefix}dlq-reader`, topics: [deadLetterTopic] });
  await Promise.all([
    consumer.start(),
    reader.run(async (message: IncomingMessage) => {
      if (message.value !== 'warm-up') {
        deadLetters.push(readDeadLetter(message));
        letterSizes.set(message.offset, (message.valueBytes?.length ?? 0) + Object.entries(message.headers).reduce((sum, [name, value]) => sum + name.length + Buffer.byteLength(value), 0));
      }
    }),
  ]);
  stopDeadLetterReader = () => reader.stop();
}, 30_000);

afterAll(async () => {
  await consumer?.stop();
  await stopDeadLetterReader?.();
  await producer?.stop();
});

/** Publishes raw values and waits until the framework has processed that many more messages. */
async function publish(...values: (string | null)[]): Promise<ProcessedEvent[]> {
  const before = processed.length;
  for (const value of values) await producer.send(topic, [{ key: 'same-partition', value }]);
  await expect.poll(() => processed.length, { timeout: 10_000, interval: 20 }).toBeGreaterThanOrEqual(before + values.length);
  return processed.slice(before, before + values.length);
}

describe('EventConsumer', () => {
  it('routes an event to the handler of its event_type and logs one line for it', async () => {
    const event = userEvent(EventType.USER_CREATED, buildUser());
    const [result] = await publish(JSON.stringify(event));
    expect(result).toMatchObject({ outcome: 'stored', eventId: event.event_id, attempts: 1 });
    expect(stored.map((e) => e.event_id)).toContain(event.event_id);
    expect(log.filter((line) => line.includes(event.event_id))).toEqual([expect.stringMatching(/stored\s+user\.created entity=\w{24} event_id=/)]);
  });

  it('dead-letters malformed JSON, a non-envelope and an unknown event type, and goes on with the next event', async () => {
    const good = userEvent(EventType.USER_CREATED, buildUser());
    const unknown = { ...userEvent(EventType.USER_CREATED, buildUser()), event_type: 'user.teleported' };
    const results = await publish('{not json', JSON.stringify({ hello: 'world' }), JSON.stringify(unknown), JSON.stringify(good));
    expect(results.map((r) => [r.outcome, r.reason])).toEqual([
      ['dead-lettered', 'malformed-json'],
      ['dead-lettered', 'invalid-envelope'],
      ['dead-lettered', 'unknown-event-type'],
      ['stored', undefined],
    ]);
    expect(stored.map((e) => e.event_id)).toContain(good.event_id);
    await expect.poll(() => deadLetters.map((letter) => letter.reason), { timeout: 10_000 }).toEqual(
      expect.arrayContaining(['malformed-json', 'invalid-envelope', 'unknown-event-type']),
    );
    const letter = deadLetters.find((l) => l.reason === 'malformed-json')!;
    expect(letter).toMatchObject({ value: '{not json', source: { topic }, value_truncated: null, error: expect.stringContaining('not valid JSON') });
    expect(deadLetters.find((l) => l.reason === 'unknown-event-type')!.error).toContain('user.teleported');
  });

  it('retries a failing handler and stores the event once it succeeds', async () => {
    const event = userEvent(EventType.USER_CREATED, buildUser());
    failuresLeft.set(event.event_id, 2);
    const [result] = await publish(JSON.stringify(event));
    expect(result).toMatchObject({ outcome: 'stored', attempts: 3 });
  });

  it('dead-letters an event whose handler keeps failing, with the error, and loses nothing after it', async () => {
    const doomed = userEvent(EventType.USER_CREATED, buildUser());
    const next = userEvent(EventType.USER_CREATED, buildUser());
    failuresLeft.set(doomed.event_id, 99);
    const results = await publish(JSON.stringify(doomed), JSON.stringify(next));
    expect(results.map((r) => r.outcome)).toEqual(['dead-lettered', 'stored']);
    await expect.poll(() => deadLetters.find((l) => l.event_id === doomed.event_id), { timeout: 10_000 }).toMatchObject({
      reason: 'handler-failed',
      attempts: 3,
      error: expect.stringContaining('database is down'),
      value: JSON.stringify(doomed),
    });
    expect(log.find((line) => line.includes(doomed.event_id))).toMatch(/dead-lettered.*handler-failed.*database is down/);
  });

  it('dead-letters a 900 KB event as a letter of its own size: the original bytes, the reason in headers', async () => {
    const huge = { ...userEvent(EventType.USER_CREATED, buildUser({ profile: { bio: '"quoted" \\ '.repeat(64_500) } })), event_type: 'user.enormous' };
    const value = JSON.stringify(huge);
    // quotes and backslashes: embedded in a JSON letter, this value would grow by half again
    expect(value.length).toBeGreaterThan(900_000);
    const [result] = await publish(value);
    expect(result).toMatchObject({ outcome: 'dead-lettered', reason: 'unknown-event-type', deadLetter: 'whole' });
    await expect.poll(() => deadLetters.find((l) => l.event_id === huge.event_id), { timeout: 10_000 }).toBeDefined();
    const letter = deadLetters.find((l) => l.event_id === huge.event_id)!;
    expect(letter.value === value).toBe(true);
    expect(letter.value_truncated).toBeNull();
    const size = [...letterSizes.values()].find((bytes) => bytes >= value.length)!;
    expect(size - Buffer.byteLength(value)).toBeLessThan(2_048);
  });

  it('skips a tombstone (a message without a value) with a line that names it, and dead-letters nothing for it', async () => {
    const next = userEvent(EventType.USER_CREATED, buildUser());
    const results = await publish(null, JSON.stringify(next));
    expect(results.map((r) => [r.outcome, r.reason])).toEqual([
      ['skipped', 'tombstone'],
      ['stored', undefined],
    ]);
    expect(log.find((line) => line.includes(`@${results[0]!.source.offset}`))).toMatch(/skipped\s+tombstone key=same-partition from .*: a message without a value is Kafka's delete marker, not an event/);
    expect(results[0]!.deadLetter).toBeUndefined();
  });
});
