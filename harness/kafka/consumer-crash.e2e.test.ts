/**
 * A crashed consumer is never silent and never stays down. kafkajs stops a consumer for good after
 * an error it does not know how to retry (kcat's mock answering a second member's SyncGroup with
 * INVALID_REQUEST is the one met in practice; a TypeError thrown while handling a message is the
 * one a test can provoke every time) and restarts it by itself after others. Either way broker.ts
 * logs one line with the cause, and a consumer kafkajs gave up on is replaced by one that rejoins
 * the group: the message that was in flight is delivered again, since it was never committed.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { kataEnvironment } from '../testing/provided.ts';
import { connectBroker, type BrokerConsumer, type BrokerProducer } from './broker.ts';

const prefix = `kt-crash-${randomBytes(3).toString('hex')}-`;
let brokers: string[];
let producer: BrokerProducer;
const consumers: BrokerConsumer[] = [];

beforeAll(async () => {
  brokers = kataEnvironment().kafkaBrokers!;
  producer = await connectBroker({ brokers, clientId: `${prefix}producer` }).producer();
});

afterAll(async () => {
  for (const consumer of consumers) await consumer.stop();
  await producer?.stop();
});

async function consumerOn(topic: string, log: string[]): Promise<BrokerConsumer> {
  const consumer = await connectBroker({ brokers, clientId: `${prefix}consumer`, log: (line) => log.push(line) }).consumer({ groupId: `${topic}-group`, topics: [topic] });
  consumers.push(consumer);
  return consumer;
}

// the tests use topics and groups of their own: they run side by side, their joins overlapping
describe.concurrent('a crashed consumer', () => {
  it('that kafkajs gives up on is logged in one line with its cause, replaced, and gets the uncommitted message again', async ({ expect }) => {
    const topic = `${prefix}gives-up`;
    const log: string[] = [];
    await producer.send(topic, [{ key: 'k', value: 'first' }]);
    const consumer = await consumerOn(topic, log);
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
    expect(crashes).toEqual([expect.stringMatching(/^(\S+ )?consumer crashed \(group kt-crash-\w+-gives-up-group\): TypeError: Cannot read properties of undefined \(reading 'value'\).*; kafkajs gave up on it, a new one rejoins in 1 s/)]);
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
    const consumer = await consumerOn(topic, log);
    const handled: string[] = [];
    let failing = true;
    await consumer.run(async (message) => {
      // a plain Error: kafkajs retries the batch a few times, then crashes and restarts the consumer
      if (failing) throw new Error('the handler is not ready');
      handled.push(message.value!);
    });
    await expect.poll(() => log.filter((line) => line.includes('crashed')), { timeout: 30_000, interval: 100 }).toEqual([
      expect.stringMatching(/consumer crashed \(group kt-crash-\w+-restarts-group\): Error: the handler is not ready \(KafkaJSNumberOfRetriesExceeded\); kafkajs restarts it/),
    ]);
    failing = false;
    await expect.poll(() => handled, { timeout: 20_000, interval: 50 }).toEqual(['first']);
  }, 60_000);
});
