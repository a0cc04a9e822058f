/**
 * The watch session's event pipeline (the learner's loop only: `npm test`, `npm start`).
 *
 * Why: every end-to-end run used to start a consumer of its own, and a new consumer group's first
 * join costs seconds (kcat's librdkafka mock holds an empty group's first join for a fixed 3 s;
 * a real broker has group.initial.rebalance.delay.ms). vitest ends a run's workers with the run,
 * so no consumer made in a test file can live into the next save. The global setup lives for the
 * whole watch session: it starts this relay once, and the relay keeps ONE real EventConsumer (the
 * framework, unchanged) in the group for the whole session.
 *
 * How an end-to-end test's event travels in watch mode:
 *   test file (worker) --deliver--> relay --produce--> Kafka --> the session's EventConsumer
 *   (parse, route by event type, retry, dead-letter, commit, log) --call--> the test file's
 *   freshly loaded handlers (the student's code, in the worker, with that file's database)
 *   --result--> framework --processed + log lines--> test file.
 * So the event still goes through Kafka and the real framework, and the handlers are the ones this
 * save built. What a watch run does not redo is the consumer's start and group join: framework
 * code, proven by the harness's own suites and by every `vitest run` (grading, verify, CI), which
 * never use the relay.
 *
 * The wire: one JSON object per line over a loopback TCP socket (pipeline-relay-client.ts is the
 * other end). Handler errors cross it with the fields the framework looks at (message, name, code,
 * errno, sqlState, cause), so a database outage still waits and a bad row is still dead-lettered.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Socket } from 'node:net';
import type { EventEnvelope, EventHandler, HandlerMap } from '../events/contract.ts';
import { Topic } from '../events/contract.ts';
import { connectBroker, type BrokerProducer } from '../kafka/broker.ts';
import { EventConsumer, type ProcessedEvent } from '../kafka/event-consumer.ts';
import { namesOnly, type KnownEntity } from '../kafka/known-entity.ts';
import { lineReader, reviveError, send, serializeError, type SerializedError } from './pipeline-wire.ts';

/** Worker -> relay. */
export type ToRelay =
  | { t: 'hello'; handlers: string[] }
  | { t: 'deliver'; id: number; topic: string; key: string; event: EventEnvelope<object> }
  | { t: 'result'; call: number; value?: unknown; error?: SerializedError };

/** Relay -> worker. */
export type FromRelay =
  | { t: 'ready'; prefix: string }
  | { t: 'failed'; error: string }
  | { t: 'sent'; id: number; error?: string }
  /** run the file's handler for the event ('handle'), or look its entity up in the file's database ('known') */
  | { t: 'call'; call: number; kind: 'handle' | 'known'; eventType: string; event: EventEnvelope<object> }
  | { t: 'processed'; event: ProcessedEvent }
  | { t: 'log'; line: string };

export type PipelineRelay = { address: string; stop(): Promise<void> };

/** A connected test file: the handlers it registered, its handler calls in flight. */
type Owner = {
  socket: Socket;
  handlers: Set<string>;
  closed: boolean;
  calls: Map<number, { resolve(value: unknown): void; reject(error: Error): void }>;
};

export async function startPipelineRelay(options: { brokers: string[]; runId: string }): Promise<PipelineRelay> {
  const prefix = `kt-watch-${options.runId}-${randomBytes(2).toString('hex')}-`;
  const owners = new Set<Owner>();
  /** which test file sent each event: its handlers process it */
  const ownerOf = new Map<string, Owner>();
  let nextCall = 0;

  const relayed = (eventType: string): EventHandler => async (event: EventEnvelope) => {
    const owner = ownerOf.get(event.event_id);
    // not the event's fault, but no handler can run it any more: a plain error, so that the
    // framework dead-letters it after its attempts instead of waiting for a database forever
    if (!owner || owner.closed) throw new Error(`the test file that sent event ${event.event_id} has finished; its handlers are gone`);
    if (!owner.handlers.has(eventType)) throw new Error(`no handler registered for "${eventType}" in the test file that sent it`);
    await callOwner(owner, 'handle', eventType, event);
  };
  const callOwner = (owner: Owner, kind: 'handle' | 'known', eventType: string, event: EventEnvelope) => {
    const call = nextCall++;
    return new Promise<unknown>((resolve, reject) => {
      owner.calls.set(call, { resolve, reject });
      send(owner.socket, { t: 'call', call, kind, eventType, event } satisfies FromRelay);
    });
  };
  // The service's unknown-id rule (known-entity.ts) looks in the database of the file that sent the
  // event, as its handlers do. A file that has gone: the handler call then fails with its message.
  const knownEntity: KnownEntity = async (event) => {
    const owner = ownerOf.get(event.event_id);
    if (!namesOnly(event.event_type) || !owner || owner.closed) return undefined;
    return (await callOwner(owner, 'known', event.event_type, event)) as Awaited<ReturnType<KnownEntity>>;
  };
  // The framework looks a handler up by event type (Object.hasOwn, then a property read): this map
  // has one for every type a connected test file registered.
  const handlers = new Proxy({} as HandlerMap, {
    getOwnPropertyDescriptor(_target, type) {
      if (typeof type !== 'string' || ![...owners].some((owner) => owner.handlers.has(type))) return undefined;
      return { value: relayed(type), enumerable: true, configurable: true, writable: false };
    },
    get(_target, type) {
      return typeof type === 'string' && [...owners].some((owner) => owner.handlers.has(type)) ? relayed(type) : undefined;
    },
    ownKeys() {
      return [...new Set([...owners].flatMap((owner) => [...owner.handlers]))];
    },
  });

  const broadcast = (message: FromRelay) => {
    for (const owner of owners) if (!owner.closed) send(owner.socket, message);
  };
  const consumer = new EventConsumer({
    brokers: options.brokers,
    groupId: `${prefix}group`,
    topics: Object.values(Topic).map((topic) => prefix + topic),
    handlers,
    deadLetterTopic: `${prefix}dead-letter`,
    // the same rules as the service (main.ts): an event on another domain's topic is refused, a
    // delete or cancel of an id nobody stored is skipped
    topicPrefix: prefix,
    knownEntity,
    // the log lines name the event's entity: each test file filters what is its own
    log: (line) => broadcast({ t: 'log', line }),
    // as useEventPipeline's own consumer
    retry: { attempts: 2, backoffMs: 20 },
  });
  consumer.onProcessed((event) => {
    const owner = event.eventId === undefined ? undefined : ownerOf.get(event.eventId);
    if (owner && !owner.closed) send(owner.socket, { t: 'processed', event } satisfies FromRelay);
  });
  let producer: BrokerProducer | undefined;
  // Started now, awaited by the first test file that needs it: the group join overlaps the
  // session's first run instead of delaying it.
  const ready: Promise<void> = (async () => {
    producer = await connectBroker({ brokers: options.brokers, clientId: `${prefix}producer` }).producer();
    await consumer.start();
  })();
  ready.catch(() => undefined);

  const server = createServer((socket) => {
    const owner: Owner = { socket, handlers: new Set(), closed: false, calls: new Map() };
    owners.add(owner);
    socket.setNoDelay(true);
    const close = () => {
      if (owner.closed) return;
      owner.closed = true;
      owners.delete(owner);
      for (const { reject } of owner.calls.values()) reject(new Error('the test file that sent this event finished before its handler did'));
      owner.calls.clear();
      for (const [eventId, holder] of ownerOf) if (holder === owner) ownerOf.delete(eventId);
    };
    socket.on('close', close);
    socket.on('error', close);
    lineReader(socket, async (message: ToRelay) => {
      if (message.t === 'hello') {
        owner.handlers = new Set(message.handlers);
        try {
          await ready;
          send(socket, { t: 'ready', prefix } satisfies FromRelay);
        } catch (error) {
          send(socket, { t: 'failed', error: error instanceof Error ? error.message : String(error) } satisfies FromRelay);
        }
      } else if (message.t === 'deliver') {
        ownerOf.set(message.event.event_id, owner);
        try {
          await ready;
          await producer!.send(prefix + message.topic, [{ key: message.key, value: JSON.stringify(message.event) }]);
          send(socket, { t: 'sent', id: message.id } satisfies FromRelay);
        } catch (error) {
          send(socket, { t: 'sent', id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies FromRelay);
        }
      } else if (message.t === 'result') {
        const pending = owner.calls.get(message.call);
        owner.calls.delete(message.call);
        if (message.error) pending?.reject(reviveError(message.error));
        else pending?.resolve(message.value);
      }
    });
  });
  server.unref();
  const address = await new Promise<string>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const bound = server.address();
      resolve(typeof bound === 'object' && bound ? `127.0.0.1:${bound.port}` : String(bound));
    });
  });

  return {
    address,
    async stop() {
      for (const owner of owners) owner.socket.destroy();
      server.close();
      await ready.catch(() => undefined);
      await consumer.stop().catch(() => undefined);
      await producer?.stop().catch(() => undefined);
    },
  };
}
