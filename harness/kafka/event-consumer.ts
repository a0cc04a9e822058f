/**
 * The Kafka consumer framework. Complete: katas register handlers, this module does the rest.
 *
 * For every message on the subscribed topics it
 *   1. parses the JSON envelope and finds the handler registered for its event_type,
 *   2. calls the handler, retrying a few times if it throws,
 *   3. commits the offset only after the handler succeeded (at-least-once delivery:
 *      after a crash the event is delivered again, so handlers must be idempotent),
 *   4. logs one line per event.
 * A message that cannot be processed (not JSON, not an envelope, unknown event type, or a handler
 * that keeps failing) goes to the dead-letter topic with the error attached, and consumption
 * goes on: one bad event never stops the others.
 */
import { styleText } from 'node:util';
import { setTimeout as delay } from 'node:timers/promises';
import { envelopeProblem, type EventEnvelope, type HandlerMap } from '../events/contract.ts';
import { connectBroker, type BrokerConsumer, type BrokerProducer, type IncomingMessage } from './broker.ts';

export type DeadLetterReason = 'malformed-json' | 'invalid-envelope' | 'unknown-event-type' | 'handler-failed';

/** What happened to one message; passed to onProcessed listeners and logged. */
export type ProcessedEvent = {
  outcome: 'stored' | 'dead-lettered';
  reason?: DeadLetterReason;
  error?: string;
  attempts: number;
  eventId?: string;
  eventType?: string;
  entityId?: string;
  source: { topic: string; partition: number; offset: string };
  durationMs: number;
};

/** The value written to the dead-letter topic. */
export type DeadLetter = {
  reason: DeadLetterReason;
  error: string;
  attempts: number;
  event_id: string | null;
  event_type: string | null;
  source: { topic: string; partition: number; offset: string };
  failed_at: string;
  /** the original message value, untouched, so nothing is lost */
  value: string | null;
};

export type EventConsumerOptions = {
  brokers: readonly string[];
  groupId: string;
  topics: readonly string[];
  handlers: HandlerMap;
  deadLetterTopic: string;
  clientId?: string;
  /** handler attempts before an event is dead-lettered, and the pause before the 2nd attempt (doubling) */
  retry?: { attempts: number; backoffMs: number };
  /** where the one-line-per-event log goes (default: stdout) */
  log?: (line: string) => void;
};

export class EventConsumer {
  readonly options: EventConsumerOptions;
  readonly #listeners = new Set<(event: ProcessedEvent) => void>();
  #consumer: BrokerConsumer | undefined;
  #producer: BrokerProducer | undefined;
  #stopping: Promise<void> | undefined;

  constructor(options: EventConsumerOptions) {
    this.options = options;
  }

  /** Connects, joins the consumer group and starts consuming; resolves once partitions are assigned. */
  async start(): Promise<void> {
    const { brokers, groupId, topics } = this.options;
    const connection = connectBroker({ brokers, clientId: this.options.clientId ?? 'kafka-mysql-katas' });
    await connection.ensureTopics([...topics, this.options.deadLetterTopic]);
    this.#producer = await connection.producer();
    this.#consumer = await connection.consumer({ groupId, topics });
    await this.#consumer.run((message) => this.#process(message));
  }

  /** Finishes the event in flight, commits it, leaves the group and disconnects. Safe to call twice. */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      await this.#consumer?.stop();
      await this.#producer?.stop();
    })();
    return this.#stopping;
  }

  /** Calls listener after every message, stored or dead-lettered. Returns the unsubscribe function. */
  onProcessed(listener: (event: ProcessedEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async #process(message: IncomingMessage): Promise<void> {
    const started = performance.now();
    const source = { topic: message.topic, partition: message.partition, offset: message.offset };
    const result = await this.#handle(message);
    const processed: ProcessedEvent = { ...result, source, durationMs: Math.round(performance.now() - started) };
    if (processed.outcome === 'dead-lettered') {
      const letter: DeadLetter = {
        reason: processed.reason ?? 'handler-failed',
        error: processed.error ?? 'unknown error',
        attempts: processed.attempts,
        event_id: processed.eventId ?? null,
        event_type: processed.eventType ?? null,
        source,
        failed_at: new Date().toISOString(),
        value: message.value,
      };
      // If this throws (broker gone), the offset stays uncommitted and the event comes back later.
      await this.#producer!.send(this.options.deadLetterTopic, [{ key: message.key, value: JSON.stringify(letter) }]);
    }
    // returning commits the offset (see BrokerConsumer.run)
    this.#log(processed);
    for (const listener of this.#listeners) listener(processed);
  }

  async #handle(message: IncomingMessage): Promise<Omit<ProcessedEvent, 'source' | 'durationMs'>> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.value ?? '');
    } catch (error) {
      return { outcome: 'dead-lettered', reason: 'malformed-json', error: `not valid JSON: ${messageOf(error)}`, attempts: 0 };
    }
    const problem = envelopeProblem(parsed);
    if (problem) return { outcome: 'dead-lettered', reason: 'invalid-envelope', error: `not an event envelope: ${problem}`, attempts: 0 };
    const event = parsed as EventEnvelope;
    const ids = { eventId: event.event_id, eventType: event.event_type, entityId: event.entity_id };
    const handler = Object.hasOwn(this.options.handlers, event.event_type)
      ? this.options.handlers[event.event_type as keyof HandlerMap]
      : undefined;
    if (!handler) {
      const known = Object.keys(this.options.handlers).join(', ') || 'none yet';
      return { outcome: 'dead-lettered', reason: 'unknown-event-type', error: `no handler registered for "${event.event_type}" (registered: ${known})`, attempts: 0, ...ids };
    }
    const { attempts, backoffMs } = this.options.retry ?? { attempts: 3, backoffMs: 100 };
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        await handler(event);
        return { outcome: 'stored', attempts: attempt, ...ids };
      } catch (error) {
        lastError = error;
        if (attempt < attempts) await delay(backoffMs * 2 ** (attempt - 1));
      }
    }
    return { outcome: 'dead-lettered', reason: 'handler-failed', error: messageOf(lastError), attempts, ...ids };
  }

  #log(event: ProcessedEvent): void {
    const log = this.options.log ?? ((line: string) => process.stdout.write(line + '\n'));
    const where = `${event.source.topic}[${event.source.partition}]@${event.source.offset}`;
    const what = `${event.eventType ?? '?'} entity=${event.entityId ?? '?'} event_id=${event.eventId ?? '?'}`;
    if (event.outcome === 'stored') {
      log(`${styleText('green', 'stored')}        ${what} from ${where} in ${event.durationMs} ms`);
    } else {
      log(`${styleText('red', 'dead-lettered')} ${what} from ${where}: ${event.reason}: ${event.error} -> ${this.options.deadLetterTopic}`);
    }
  }
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return `${error.name === 'Error' ? '' : error.name + ': '}${error.message}`;
  return String(error);
}
