/**
 * useEventPipeline(): the real consumer framework, running the kata's handlers against the test
 * broker, on topics and a consumer group of this test file's own. Tests publish an event and wait
 * until the framework reports it processed, then check the rows with SELECT.
 *
 * In the learner's watch loop the global setup offers the session's relay (pipeline-relay.ts):
 * then this file's handlers are run by the session's one consumer, which joined its group once,
 * instead of a consumer of the file's own paying a group join on every save. Every `vitest run`
 * (grading, verify, CI) starts its own consumer as described above.
 */
import { randomBytes } from 'node:crypto';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import type { EventEnvelope, HandlerMap, Topic } from '../events/contract.ts';
import { topicOf, isEventType } from '../events/contract.ts';
import { connectBroker, type BrokerProducer } from '../kafka/broker.ts';
import { getPool } from '../db/pool.ts';
import { EventConsumer, type ProcessedEvent } from '../kafka/event-consumer.ts';
import { knownEntityIn } from '../kafka/known-entity.ts';
import { connectRelay, type RelayConnection } from './pipeline-relay-client.ts';
import { connectionLesson, currentTest } from './lesson-places.ts';
import { kataEnvironment } from './provided.ts';
import { explainsItself } from './settled-messages.ts';

export type EventPipeline = {
  /** publishes the event to its domain's topic and resolves once the consumer has stored (or skipped) it; rejects when it was dead-lettered */
  deliver(event: EventEnvelope<object>): Promise<ProcessedEvent>;
  /** the framework's log lines so far (one per processed event) */
  readonly log: readonly string[];
};

export type EventPipelineOptions = {
  /** builds the kata's handler map; called once, before the consumer starts */
  handlers: () => HandlerMap;
  topics: readonly Topic[];
  /** how long to wait for one event before failing (default 15 s) */
  timeoutMs?: number;
};

export function useEventPipeline(options: EventPipelineOptions): EventPipeline {
  const prefix = `kt-${randomBytes(4).toString('hex')}-`;
  const log: string[] = [];
  /** the waits in progress, by event id: each ends with its event processed, or early with an error */
  const waiting = new Map<string, { entityId: string; processed(event: ProcessedEvent): void; failed(error: Error): void }>();
  /**
   * An event whose handler waited on its own transaction's locks: the framework keeps retrying it
   * (about 2 s a wait), so the tests after it do not send theirs (behindStuck).
   */
  let stuck: { entityId: string; line: string } | undefined;
  /** the entities of the events this file sent */
  const delivered = new Set<string>();
  const logLine = (coloured: string) => {
    // the session's consumer styles its lines for a terminal: the tests read the text
    const line = stripVTControlCharacters(coloured);
    log.push(line);
    // nothing else writes during an end-to-end test: a lock wait is the handler's own transaction
    // blocking a statement of the same handler, which no retry can cure; say so now, not in 15 s
    // the framework's retry line names the event by its entity (its partition key); the watch
    // session's consumer serves other files too: only this file's events count here
    const entityId = /entity=([^\s:,]+)/.exec(line)?.[1];
    if (/lock wait timeout/i.test(line) && entityId !== undefined && delivered.has(entityId)) {
      stuck = { entityId, line };
      for (const wait of [...waiting.values()]) wait.failed(wait.entityId === entityId ? ownLocks(line) : behindStuck(line));
    }
  };
  let consumer: EventConsumer | undefined;
  let producer: BrokerProducer | undefined;
  let relay: RelayConnection | undefined;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const processed = (event: ProcessedEvent) => {
    // the stuck event (or a later one of its entity, which waited behind it) got through
    if (event.entityId !== undefined && event.entityId === stuck?.entityId) stuck = undefined;
    if (event.eventId !== undefined) waiting.get(event.eventId)?.processed(event);
  };

  beforeAll(async () => {
    const { kafkaBrokers, runId, pipelineRelay } = kataEnvironment();
    if (!kafkaBrokers) throw new Error('This end-to-end file needs Kafka, but the test run started none (KATA_KAFKA=never?).');
    const handlers = options.handlers();
    if (pipelineRelay) {
      try {
        relay = await connectRelay(pipelineRelay, handlers, { processed, log: logLine }, knownEntityIn(getPool));
        return;
      } catch (error) {
        // the session's consumer could not start: this file starts its own, as a `vitest run` does
        console.warn(`The watch session's event pipeline is not available (${error instanceof Error ? error.message : String(error)}); this file starts a consumer of its own.`);
      }
    }
    consumer = new EventConsumer({
      brokers: kafkaBrokers,
      groupId: `${prefix}${runId}`,
      topics: options.topics.map((topic) => prefix + topic),
      handlers,
      deadLetterTopic: `${prefix}dead-letter`,
      // the same rules as the service (main.ts): an event on another domain's topic is refused, a
      // delete or cancel of an id nobody stored is skipped
      topicPrefix: prefix,
      knownEntity: knownEntityIn(getPool),
      log: logLine,
      retry: { attempts: 2, backoffMs: 20 },
    });
    consumer.onProcessed(processed);
    producer = await connectBroker({ brokers: kafkaBrokers, clientId: `${prefix}producer` }).producer();
    await consumer.start();
  }, 30_000);

  afterAll(async () => {
    relay?.close();
    await consumer?.stop();
    await producer?.stop();
  });

  function waitFor(id: string, entityId: string, description: string): Promise<ProcessedEvent> {
    return new Promise((resolve, reject) => {
      const end = () => {
        clearTimeout(timer);
        waiting.delete(id);
      };
      const timer = setTimeout(() => {
        end();
        reject(
          new Error(
            `The consumer did not process ${description} within ${timeoutMs / 1000} s.\n` +
              `Consumer log so far:\n${log.map((line) => '  ' + line).join('\n') || '  (nothing processed)'}`,
          ),
        );
      }, timeoutMs);
      waiting.set(id, {
        entityId,
        processed: (event) => {
          end();
          resolve(event);
        },
        failed: (error) => {
          end();
          reject(error);
        },
      });
    });
  }

  return {
    log,
    async deliver(event) {
      if (!isEventType(event.event_type)) throw new Error(`deliver(): unknown event_type ${event.event_type}`);
      if (stuck) throw behindStuck(stuck.line);
      delivered.add(event.entity_id);
      const processed = waitFor(event.event_id, event.entity_id, `event ${event.event_type} ${event.event_id}`);
      if (relay) await relay.publish(topicOf(event.event_type), event.entity_id, event);
      else await producer!.send(prefix + topicOf(event.event_type), [{ key: event.entity_id, value: JSON.stringify(event) }]);
      const result = await processed;
      // 'skipped' is an outcome, not a failure: a delete or cancel of an id nobody stored (the
      // course's unknown-id rule, known-entity.ts); the test reads result.outcome
      if (result.outcome === 'dead-lettered') {
        throw new Error(
          `The consumer could not store ${event.event_type} (event_id ${event.event_id}): ` +
            `${result.reason}: ${result.error}\nThe framework dead-lettered it after ${result.attempts} attempt(s). ` +
            `This is what \`npm run service\` would log:\n  ${log.at(-1) ?? ''}` +
            unitSuitesFirst(),
        );
      }
      return result;
    },
  };
}

/** The failure for a handler that waited on its own transaction's locks (the log line as the service wrote it). */
function ownLocks(line: string): Error {
  return explainsItself(new Error(
    `The consumer's handler waited on a lock until the server gave up (lock wait timeout), and the framework keeps trying it again (the service gives up only after many such waits):
  ${line}
` +
      `Nothing else writes during this test: the lock is held by the handler's own transaction. A DAL call inside this.dal.transaction(async (connection) => { ... }) ` +
      `that is not handed that connection runs on another connection of the pool, and waits on the transaction's locks until it times out. ` +
      `Pass the transaction's connection to every DAL call inside it, and run every DAL method's statements on the db it is given (never getPool() inside it).\n` +
      connectionLesson('transaction') +
      unitSuitesFirst(),
  ));
}

/**
 * The failure for a test whose event is not sent (or not waited for) while an earlier event is
 * retried on its own locks: sent meanwhile, it could wait on those locks or behind that event, a few
 * seconds a wait, and the file would take ten seconds or more to say what its first failure says.
 */
function behindStuck(line: string): Error {
  return explainsItself(new Error(
    `This test did not run its event: an earlier event of this file is still being retried after its handler waited on its own transaction's locks (the failure above):\n  ${line}\n` +
      `An event sent meanwhile could wait on those locks, or behind that event, seconds at a time. Fix that mistake first ` +
      `(a DAL call inside this.dal.transaction(...) that is not handed the transaction's connection, most often); this test runs again with it.` +
      unitSuitesFirst(),
  ));
}

/**
 * An end-to-end failure shows what the service saw, a raw error often; the kata's unit suites call
 * the same handlers and DAL directly and name the mistake. `npx vitest run` prints this file's
 * failure among theirs (the watch loop runs it only once they pass): say where to look first.
 */
function unitSuitesFirst(): string {
  const { kata } = currentTest();
  if (!kata) return '';
  return (
    `\nIf a unit suite of this kata is red too (its other *.test.ts files), read and fix that first: it calls your handlers and DAL directly and names the mistake. ` +
    `(In watch mode, npm test -- katas/${kata}/ and npm start run this file once they passed at their latest run, after the ones your save touched: a failure of theirs is listed above this one, or in the run just before.)`
  );
}
