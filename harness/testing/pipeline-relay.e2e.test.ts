/**
 * The watch session's relay (pipeline-relay.ts): a test file's handlers, run by the session's one
 * consumer through Kafka and the real framework, with the framework's verdicts coming back.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventType, type EventEnvelope, type HandlerMap } from '../events/contract.ts';
import type { ProcessedEvent } from '../kafka/event-consumer.ts';
import type { KnownEntity } from '../kafka/known-entity.ts';
import { connectRelay, type RelayConnection } from './pipeline-relay-client.ts';
import { startPipelineRelay, type PipelineRelay } from './pipeline-relay.ts';
import { kataEnvironment } from './provided.ts';

const event = (entityId: string, eventType: EventType = EventType.USER_CREATED): EventEnvelope<object> => ({
  event_id: randomBytes(8).toString('hex'),
  event_type: eventType,
  entity_id: entityId,
  timestamp: '2026-03-14T09:30:00.000001+00:00',
  data: {},
}) as unknown as EventEnvelope<object>;

describe('the watch session\'s event pipeline relay', () => {
  let relay: PipelineRelay;
  const processed = new Map<string, (event: ProcessedEvent) => void>();
  const log: string[] = [];
  const seen: string[] = [];
  let outageLeft = 0;
  let connection: RelayConnection;

  const deliver = async (connection: RelayConnection, sent: EventEnvelope<object>) => {
    const done = new Promise<ProcessedEvent>((resolve) => processed.set(sent.event_id, resolve));
    await connection.publish('users', sent.entity_id, sent);
    return done;
  };
  const listeners = { processed: (event: ProcessedEvent) => processed.get(event.eventId!)?.(event), log: (line: string) => log.push(line) };
  /** the file's own look-up of the unknown-id rule: only 'ghost' has no row */
  const knownEntity: KnownEntity = async (event) => ({ known: event.entity_id !== 'ghost', where: `no users row has user_id=${event.entity_id}` });

  beforeAll(async () => {
    const { kafkaBrokers, runId } = kataEnvironment();
    relay = await startPipelineRelay({ brokers: kafkaBrokers!, runId });
    const handlers = {
      [EventType.USER_CREATED]: async (event: EventEnvelope) => {
        if (event.entity_id === 'bad') throw Object.assign(new Error('Data too long for column'), { code: 'ER_DATA_TOO_LONG', errno: 1406 });
        if (event.entity_id === 'outage' && outageLeft-- > 0) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        seen.push(event.entity_id);
      },
      [EventType.USER_DELETED]: async (event: EventEnvelope) => {
        seen.push(`deleted ${event.entity_id}`);
      },
    } as unknown as HandlerMap;
    connection = await connectRelay(relay.address, handlers, listeners, knownEntity);
  }, 30_000);

  afterAll(async () => {
    connection?.close();
    await relay?.stop();
  });

  it('runs the test file\'s handler on an event that went through Kafka, and reports it stored, with its log line', async () => {
    const sent = event('u-1');
    expect(await deliver(connection, sent)).toMatchObject({ outcome: 'stored', eventId: sent.event_id, attempts: 1 });
    expect(seen).toContain('u-1');
    expect(log.some((line) => line.includes('u-1'))).toBe(true);
  });

  it('follows the service\'s unknown-id rule with the file\'s own look-up: a delete of an id nobody stored is skipped, a known one handled', async () => {
    expect(await deliver(connection, event('ghost', EventType.USER_DELETED))).toMatchObject({ outcome: 'skipped', reason: 'unknown-entity' });
    expect(seen).not.toContain('deleted ghost');
    expect(await deliver(connection, event('u-1', EventType.USER_DELETED))).toMatchObject({ outcome: 'stored' });
    expect(seen).toContain('deleted u-1');
  });

  it('a handler error that is the event\'s fault: tried again, then dead-lettered with its message', async () => {
    expect(await deliver(connection, event('bad'))).toMatchObject({ outcome: 'dead-lettered', reason: 'handler-failed', attempts: 2, error: expect.stringContaining('Data too long') });
  });

  it('a database outage is still an outage across the relay: the event waits and is stored, no attempt counted', async () => {
    outageLeft = 2;
    expect(await deliver(connection, event('outage'))).toMatchObject({ outcome: 'stored', attempts: 1 });
  });

  it('an event whose test file has finished is dead-lettered, not waited for: the next file is never stuck behind it', async () => {
    let called = false;
    const hanging = await connectRelay(relay.address, { [EventType.USER_CREATED]: () => ((called = true), new Promise(() => undefined)) } as unknown as HandlerMap, listeners, knownEntity);
    const sent = event('u-gone');
    void deliver(hanging, sent);
    await expect.poll(() => called).toBe(true);
    hanging.close(); // the file ends while its handler still runs
    await expect.poll(() => log.find((line) => line.includes(sent.event_id)), { timeout: 10_000 }).toMatch(/dead/i);
    // the next event on the same key (the same partition) goes through
    expect(await deliver(connection, event('u-gone'))).toMatchObject({ outcome: 'stored' });
  });
});
