/**
 * At-least-once delivery across restarts: offsets are committed only after a handler succeeded,
 * a restarted consumer resumes right after the last committed event, and stop() lets the event
 * in flight finish first.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventType, type HandlerMap } from '../events/contract.ts';
import { buildUser, userEvent } from '../events/user.ts';
import { kataEnvironment } from '../testing/provided.ts';
import { connectBroker, type BrokerProducer } from './broker.ts';
import { EventConsumer } from './event-consumer.ts';

const prefix = `kt-rs-${randomBytes(3).toString('hex')}-`;
const topic = `${prefix}users`;
let producer: BrokerProducer;
let brokers: string[];

beforeAll(async () => {
  brokers = kataEnvironment().kafkaBrokers!;
  producer = await connectBroker({ brokers, clientId: `${prefix}test` }).producer();
});
afterAll(() => producer?.stop());

function consumerWith(handlers: HandlerMap): EventConsumer {
  return new EventConsumer({ brokers, groupId: `${prefix}group`, topics: [topic], handlers, deadLetterTopic: `${prefix}dlq`, log: () => undefined });
}

const publish = (id: string) => producer.send(topic, [{ key: 'one-partition', value: JSON.stringify(userEvent(EventType.USER_CREATED, buildUser(), { event_id: id })) }]);

describe('EventConsumer restarts', () => {
  it('finishes the event in flight on stop(), commits it, and a restarted consumer resumes after it with nothing lost', async () => {
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
});
