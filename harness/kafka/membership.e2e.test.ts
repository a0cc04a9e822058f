/**
 * A handler that waits a long time (a statement that hangs) must not cost the member its place in
 * the group without a word: the framework keeps heartbeating while it waits (faults.e2e.test.ts:
 * a 12 s freeze, twice the session timeout, and no rejoin). When the group does move the
 * partitions away meanwhile (here: a second member joins while the first one's handler is stuck),
 * one line says so and why, and the event comes again to the member that gets the partition.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { wrapEvent, type HandlerMap } from '../events/contract.ts';
import { newObjectId } from '../events/envelope.ts';
import { kataEnvironment } from '../testing/provided.ts';
import { connectBroker } from './broker.ts';
import { EventConsumer } from './event-consumer.ts';

const prefix = `kt-member-${randomBytes(3).toString('hex')}-`;
const brokers = kataEnvironment().kafkaBrokers!;
const consumers: EventConsumer[] = [];
afterAll(async () => {
  for (const consumer of consumers) await consumer.stop();
});

function member(handlers: HandlerMap, log: string[]): EventConsumer {
  const consumer = new EventConsumer({ brokers, groupId: `${prefix}group`, topics: [`${prefix}users`], handlers, deadLetterTopic: `${prefix}dlq`, slowAfterMs: 1_000, log: (line) => log.push(line) });
  consumers.push(consumer);
  return consumer;
}

describe('group membership during a long handler wait', () => {
  it('a member whose partitions move away while its handler waits says so in one line; the event comes again to whichever member owns it after the rebalance', async () => {
    const event = wrapEvent('user.created', newObjectId(), { version: 1 });
    const release = Promise.withResolvers<void>();
    const firstLog: string[] = [];
    /** every delivery of the event, to either member (after the rebalance its partition may go to either) */
    const seen: string[] = [];
    const first = member({ 'user.created': async (delivered) => { seen.push(delivered.event_id); await release.promise; } }, firstLog);
    await first.start();
    const producer = await connectBroker({ brokers, clientId: `${prefix}producer` }).producer();
    await producer.send(`${prefix}users`, [{ key: event.entity_id, value: JSON.stringify(event) }]);
    await producer.stop();
    await expect.poll(() => firstLog.some((line) => line.includes('for the database: the handler of')), { timeout: 15_000, interval: 50 }).toBe(true);

    const second = member({ 'user.created': async (delivered) => void seen.push(delivered.event_id) }, []);
    const joining = second.start();
    await expect.poll(() => firstLog.filter((line) => line.includes("lost the consumer group's membership")), { timeout: 30_000, interval: 50 }).toEqual([
      expect.stringMatching(/lost the consumer group's membership while \S+users\[\d+\]@\d+ user\.created entity=\S+ waited: .+; the events in flight are not committed and come again/),
    ]);
    release.resolve();
    await joining;
    // the first delivery was never committed: it comes again (a second delivery, to either member)
    await expect.poll(() => seen.filter((id) => id === event.event_id).length, { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(2);
  }, 90_000);
});
