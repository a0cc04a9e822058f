/**
 * The Kafka consumer framework. Complete: katas register handlers, this module does the rest.
 *
 * For every message on the subscribed topics it
 *   1. parses the JSON envelope and finds the handler registered for its event_type,
 *   2. calls the handler, retrying a few times if it throws,
 *   3. commits the offset only after the handler succeeded (at-least-once delivery:
 *      after a crash the event is delivered again, so handlers must be idempotent),
 *   4. logs one line per event.
 * The messages of a partition are handled one after the other, in order; partitions run side by
 * side. An entity's events share a key, hence a partition, so they are applied in order.
 *
 * When something goes wrong:
 *   - A message that cannot be processed (not JSON, not an envelope, unknown event type, or a
 *     handler that keeps failing) goes to the dead-letter topic with the reason (dead-letter.ts),
 *     and consumption goes on: one bad event never stops the others.
 *   - An event the contract refuses (contract.ts: a value its column cannot hold exactly, a
 *     repeated key, an event on another domain's topic) is dead-lettered before any handler sees it.
 *   - A delete or cancel of an id that has no row (the `knownEntity` option, known-entity.ts) is
 *     skipped with a log line: the course's one rule for unknown ids.
 *   - A database that cannot be reached, too many connections (database-errors.ts) are not the
 *     event's fault: the event waits, uncommitted, and is tried again with capped backoff until the
 *     database answers. Nothing is dead-lettered for it; the log says that the service waits for
 *     the database, and when it is back.
 *   - A deadlock or a lock wait timeout is retried too, and logged as what it is, with the event's
 *     partition and offset.
 *   - A handler call that has not finished after 5 s (a statement that hangs: a frozen server, a
 *     held lock) is reported, with what the database is busy with, again every 10 s; meanwhile
 *     the member keeps sending heartbeats, so the group keeps it (or one line says it was dropped).
 *   - Every field an event brings into a log line is escaped and capped (log-text.ts).
 *   - A tombstone (a message without a value, Kafka's delete marker) carries no event: it is
 *     skipped with a log line. This course's backends delete with `*.deleted` events.
 *   - A crashed Kafka consumer is logged and replaced (broker.ts).
 */
import { styleText } from 'node:util';
import { envelopeProblem, eventProblem, type EventEnvelope, type EventHandler, type HandlerMap } from '../events/contract.ts';
import { connectBroker, type BrokerConsumer, type BrokerProducer, type Delivery, type IncomingMessage } from './broker.ts';
import { databaseUnavailable, lockConflict } from './database-errors.ts';
import type { KnownEntity } from './known-entity.ts';
import { logField } from './log-text.ts';
import { sendDeadLetter, type DeadLetterOutcome, type DeadLetterReason } from './dead-letter.ts';
import { backoffMs, Interrupted, pause } from './pause.ts';

export type { DeadLetter, DeadLetterReason } from './dead-letter.ts';
export { readDeadLetter } from './dead-letter.ts';

/** What happened to one message; passed to onProcessed listeners and logged. */
export type ProcessedEvent = {
  outcome: 'stored' | 'dead-lettered' | 'skipped';
  reason?: DeadLetterReason | 'tombstone' | 'unknown-entity';
  error?: string;
  /** handler calls that counted (waiting for the database does not count) */
  attempts: number;
  eventId?: string;
  eventType?: string;
  entityId?: string;
  source: { topic: string; partition: number; offset: string };
  durationMs: number;
  /** for a dead-lettered event: whether the letter went whole, with its value cut, or not at all */
  deadLetter?: DeadLetterOutcome['sent'];
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
  /** waiting for the database (or for the broker to take a dead letter): first pause, longest pause */
  outageBackoff?: { initialMs: number; maxMs: number };
  /** where the one-line-per-event log goes (default: stdout) */
  log?: (line: string) => void;
  /**
   * The prefix of the domain topics (main.ts: KATA_TOPIC_PREFIX, '' in the playground). With it, an
   * event that came on another topic than its domain's (a user.created on orders) is refused.
   */
  topicPrefix?: string;
  /** a handler that has not finished after this long is reported, then again every slowEveryMs while it waits (default 5 s, 10 s) */
  slowAfterMs?: number;
  slowEveryMs?: number;
  /** what the database is busy with, for that report (main.ts asks the server's process list); bounded in time */
  probeDatabase?: () => Promise<string>;
  /**
   * The rule for unknown ids (known-entity.ts): when it says that the entity a delete or a cancel
   * names has no row, the event is skipped with a log line instead of being handed to its handler.
   */
  knownEntity?: KnownEntity;
};

type Outcome = Omit<ProcessedEvent, 'source' | 'durationMs' | 'deadLetter'>;

/** The label of the most frequent line, styled once (styleText looks at the terminal on every call). */
const STORED = styleText('green', 'stored');

/** While waiting, a reminder in the log this often. */
const STILL_WAITING_EVERY_MS = 30_000;

/** A handler call in progress: watched so that a statement that does not answer is reported and the group keeps the member. */
type InFlight = { since: number; what: string; delivery: Delivery };

/** Lock conflicts of one event in a row that count as one failed attempt (a deadlock between two writers clears in one or two). */
export const CONFLICTS_PER_ATTEMPT = 5;

export class EventConsumer {
  readonly options: EventConsumerOptions;
  readonly #listeners = new Set<(event: ProcessedEvent) => void>();
  readonly #log: (line: string) => void;
  #consumer: BrokerConsumer | undefined;
  #producer: BrokerProducer | undefined;
  #stopping: Promise<void> | undefined;
  /** set while events wait for the database or for the broker */
  readonly #outages = new Map<'database' | 'broker', { since: number; loggedAt: number }>();
  readonly #inFlight = new Set<InFlight>();
  #watchdog: NodeJS.Timeout | undefined;
  /** set once handlers were reported slow: the time of the last report, and the longest wait reported */
  #slow: { reportedAt: number; probing: boolean } | undefined;
  #membershipLost = false;

  constructor(options: EventConsumerOptions) {
    this.options = options;
    this.#log = options.log ?? ((line: string) => process.stdout.write(line + '\n'));
  }

  /** Connects, joins the consumer group and starts consuming; resolves once partitions are assigned. */
  async start(): Promise<void> {
    const { brokers, groupId, topics } = this.options;
    const connection = connectBroker({ brokers, clientId: this.options.clientId ?? 'kafka-mysql-katas', log: this.#log });
    await connection.ensureTopics([...topics, this.options.deadLetterTopic]);
    this.#producer = await connection.producer();
    this.#consumer = await connection.consumer({ groupId, topics });
    await this.#consumer.run((message, delivery) => this.#process(message, delivery));
  }

  /**
   * Finishes the event in flight on each partition, commits, leaves the group and disconnects; an
   * event that is waiting (for the database, or between attempts) is left uncommitted and comes
   * again after a restart. Safe to call twice.
   */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      await this.#consumer?.stop();
      clearInterval(this.#watchdog);
      await this.#producer?.stop();
    })();
    return this.#stopping;
  }

  /** Calls listener after every message, stored, dead-lettered or skipped. Returns the unsubscribe function. */
  onProcessed(listener: (event: ProcessedEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Handles one message; resolving lets broker.ts commit it, rejecting leaves it for later. */
  async #process(message: IncomingMessage, delivery: Delivery): Promise<void> {
    const started = performance.now();
    const source = { topic: message.topic, partition: message.partition, offset: message.offset };
    try {
      const result: Outcome = message.value === null ? { outcome: 'skipped', reason: 'tombstone', attempts: 0 } : await this.#handle(message, delivery);
      const deadLetter = result.outcome === 'dead-lettered' ? await this.#deadLetter(result, message, delivery) : undefined;
      const processed: ProcessedEvent = { ...result, source, durationMs: Math.round(performance.now() - started), deadLetter: deadLetter?.sent };
      this.#logProcessed(processed, deadLetter, message.key);
      for (const listener of this.#listeners) {
        try {
          listener(processed);
        } catch (error) {
          this.#log(styleText('red', `an onProcessed listener failed: ${logField(messageOf(error))}`));
        }
      }
    } catch (error) {
      if (error instanceof Interrupted) {
        this.#log(styleText('yellow', `not committed ${where(source)}: the consumer stopped or lost the partition while it waited; it will be delivered again`));
      }
      throw error;
    }
  }

  async #deadLetter(result: Outcome, message: IncomingMessage, delivery: Delivery): Promise<DeadLetterOutcome> {
    const source = { topic: message.topic, partition: message.partition, offset: message.offset };
    const outcome = await sendDeadLetter({
      send: (letter) => this.#producer!.send(this.options.deadLetterTopic, [letter]),
      letter: {
        reason: result.reason as DeadLetterReason,
        error: result.error ?? 'unknown error',
        attempts: result.attempts,
        event_id: result.eventId ?? null,
        event_type: result.eventType ?? null,
        source,
        failed_at: new Date().toISOString(),
      },
      original: message,
      delivery,
      onWait: (cause, waitMs) => this.#waiting('broker', `the broker did not take the dead letter of ${where(source)}: ${cause}`, waitMs),
      backoff: this.#outageBackoff,
    });
    this.#answered('broker', 'the broker takes dead letters again');
    return outcome;
  }

  async #handle(message: IncomingMessage, delivery: Delivery): Promise<Outcome> {
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
    const refused = eventProblem(event, { topic: message.topic, topicPrefix: this.options.topicPrefix, rawValue: message.value ?? undefined });
    if (refused) return { outcome: 'dead-lettered', reason: 'contract-violation', error: refused, attempts: 0, ...ids };
    const handler = Object.hasOwn(this.options.handlers, event.event_type)
      ? this.options.handlers[event.event_type as keyof HandlerMap]
      : undefined;
    if (!handler) {
      const known = Object.keys(this.options.handlers).join(', ') || 'none yet';
      return { outcome: 'dead-lettered', reason: 'unknown-event-type', error: `no handler registered for "${event.event_type}" (registered: ${known})`, attempts: 0, ...ids };
    }
    const result = await this.#callHandler(handler, event, message, delivery);
    if (result.ok && result.unknown) return { outcome: 'skipped', reason: 'unknown-entity', error: result.unknown, attempts: 0, ...ids };
    return result.ok ? { outcome: 'stored', attempts: result.attempts, ...ids } : { outcome: 'dead-lettered', reason: 'handler-failed', error: messageOf(result.error), attempts: result.attempts, ...ids };
  }

  /**
   * Calls the handler until it succeeds, waiting out database outages and lock conflicts; gives up
   * after `retry.attempts` failures of its own (CONFLICTS_PER_ATTEMPT conflicts in a row count as one).
   */
  async #callHandler(
    handler: EventHandler,
    event: EventEnvelope,
    message: IncomingMessage,
    delivery: Delivery,
  ): Promise<{ ok: true; attempts: number; unknown?: string } | { ok: false; attempts: number; error: unknown }> {
    const { attempts, backoffMs: firstPauseMs } = this.options.retry ?? { attempts: 3, backoffMs: 100 };
    const { initialMs, maxMs } = this.#outageBackoff;
    const what = `${where(message)} ${logField(event.event_type)} entity=${logField(event.entity_id)}`;
    let failures = 0;
    for (let waits = 0, conflicts = 0, conflictsInARow = 0; ; ) {
      try {
        let unknown: string | undefined;
        await this.#watched(async () => {
          const entity = await this.options.knownEntity?.(event);
          if (entity && !entity.known) unknown = entity.where;
          else await handler(event);
        }, what, delivery);
        this.#answered('database', 'the database answers again');
        return { ok: true, attempts: failures + 1, unknown };
      } catch (error) {
        const conflict = lockConflict(error);
        if (conflict) {
          if (++conflictsInARow < CONFLICTS_PER_ATTEMPT) {
            // two transactions met and the server rolled one back: not an outage, not the event's fault
            const waitMs = backoffMs(conflicts++, initialMs, maxMs);
            this.#log(styleText('yellow', `${conflict} on ${what}: the server rolled its statement back; trying it again in ${formatSeconds(waitMs)} (not counted as a failed attempt)`));
            await pause(waitMs, delivery);
            continue;
          }
          // the same conflict every time: no other writer, but a handler whose statement waits on
          // its own transaction's locks (a call on the pool inside the transaction); counted, so
          // that the event is dead-lettered in the end instead of blocking its partition forever
          conflictsInARow = 0;
          this.#log(
            styleText('yellow', `${conflict} on ${what}, ${CONFLICTS_PER_ATTEMPT} times in a row: counted as a failed attempt (a statement that waits on its own transaction's locks never gets through)`),
          );
        } else {
          conflictsInARow = 0;
          const unavailable = databaseUnavailable(error);
          if (unavailable) {
            const waitMs = backoffMs(waits++, initialMs, maxMs);
            this.#waiting('database', `waiting for the database: ${logField(unavailable)}; ${where(message)} and the events after it stay uncommitted and are tried again until it answers`, waitMs);
            await pause(waitMs, delivery);
            continue;
          }
          this.#answered('database', 'the database answers again');
        }
        failures++;
        if (failures >= attempts) return { ok: false, attempts: failures, error };
        await pause(firstPauseMs * 2 ** (failures - 1), delivery);
      }
    }
  }

  /**
   * Runs one handler call under watch. A statement can hang without an error (a frozen server, a
   * lock held by someone else): while any call runs, a timer keeps the member's heartbeat going
   * (or says in one line that the group dropped it) and reports calls that have waited more than
   * slowAfterMs, again every slowEveryMs, with what the database is busy with.
   */
  async #watched(call: () => Promise<void>, what: string, delivery: Delivery): Promise<void> {
    const entry: InFlight = { since: Date.now(), what, delivery };
    this.#inFlight.add(entry);
    // one timer for the consumer's life, not one per event: it only looks at the calls in flight
    this.#watchdog ??= setInterval(() => this.#watch(), 1_000).unref();
    try {
      await call();
    } finally {
      this.#inFlight.delete(entry);
      if (this.#slow && ![...this.#inFlight].some((other) => Date.now() - other.since >= this.#slowAfterMs)) {
        this.#slow = undefined;
        this.#log(styleText('green', `the database answers again: ${what} finished after ${formatSeconds(Date.now() - entry.since)}; resuming`));
      }
    }
  }

  get #slowAfterMs(): number {
    return this.options.slowAfterMs ?? 5_000;
  }

  #watch(): void {
    const now = Date.now();
    let oldest: InFlight | undefined;
    for (const entry of this.#inFlight) if (!oldest || entry.since < oldest.since) oldest = entry;
    if (!oldest) return;
    // a handler call longer than the session timeout would otherwise get the member thrown out of its group
    const beat = oldest.delivery;
    if (beat.active()) {
      beat.heartbeat().then(
        () => (this.#membershipLost = false),
        (error: unknown) => {
          // a rebalance while a handler is briefly busy is routine (a member joined or left): kafkajs rejoins
          const routine = (error as { type?: unknown }).type === 'REBALANCE_IN_PROGRESS' && now - oldest.since < this.#slowAfterMs;
          if (this.#membershipLost || routine) return;
          this.#membershipLost = true;
          this.#log(styleText('red', `lost the consumer group's membership while ${oldest.what} waited: ${logField(messageOf(error))}; the events in flight are not committed and come again to whichever member gets their partitions`));
        },
      );
    }
    const waited = now - oldest.since;
    if (waited < this.#slowAfterMs) return;
    const every = this.options.slowEveryMs ?? 10_000;
    if (this.#slow && (this.#slow.probing || now - this.#slow.reportedAt < every)) return;
    this.#slow = { reportedAt: now, probing: true };
    const slow = this.#slow;
    const count = [...this.#inFlight].filter((entry) => now - entry.since >= this.#slowAfterMs).length;
    const line = `waiting ${formatSeconds(waited)} for the database: the handler of ${oldest.what} has not finished, a statement (or a connection) it asked for has not answered${count > 1 ? ` (${count} events wait)` : ''}`;
    const probe = this.options.probeDatabase;
    if (!probe) {
      slow.probing = false;
      this.#log(styleText('yellow', line));
      return;
    }
    probe().then(
      (found) => this.#log(styleText('yellow', `${line}; ${logField(found, 300)}`)),
      (error: unknown) => this.#log(styleText('yellow', `${line}; asking the database what it is doing failed: ${logField(messageOf(error))}`)),
    ).finally(() => (slow.probing = false));
  }

  get #outageBackoff(): { initialMs: number; maxMs: number } {
    return this.options.outageBackoff ?? { initialMs: 100, maxMs: 5_000 };
  }

  /** Logs the start of an outage, then a reminder every 30 s (not a line per event and try). */
  #waiting(what: 'database' | 'broker', line: string, waitMs: number): void {
    const now = Date.now();
    const outage = this.#outages.get(what);
    if (!outage) {
      this.#outages.set(what, { since: now, loggedAt: now });
      this.#log(styleText('yellow', `${line} (next try in ${formatSeconds(waitMs)})`));
    } else if (now - outage.loggedAt >= STILL_WAITING_EVERY_MS) {
      outage.loggedAt = now;
      this.#log(styleText('yellow', `still ${line} (for ${formatSeconds(now - outage.since)} so far)`));
    }
  }

  #answered(what: 'database' | 'broker', line: string): void {
    const outage = this.#outages.get(what);
    if (!outage) return;
    this.#outages.delete(what);
    this.#log(styleText('green', `${line} after ${formatSeconds(Date.now() - outage.since)}; resuming`));
  }

  #logProcessed(event: ProcessedEvent, deadLetter: DeadLetterOutcome | undefined, key: string | null): void {
    const from = where(event.source);
    // every field that comes from the event is escaped and capped (log-text.ts): no forged lines
    const what = `${logField(event.eventType ?? '?')} entity=${logField(event.entityId ?? '?')} event_id=${logField(event.eventId ?? '?')}`;
    const error = logField(event.error ?? '');
    if (event.outcome === 'stored') {
      this.#log(`${STORED}        ${what} from ${from} in ${event.durationMs} ms`);
    } else if (event.reason === 'unknown-entity') {
      this.#log(`${styleText('yellow', 'skipped')}       ${what} from ${from}: ${error}: nothing to change (a delete or cancel of an unknown id is not an error)`);
    } else if (event.outcome === 'skipped') {
      this.#log(`${styleText('yellow', 'skipped')}       tombstone key=${key === null ? '(none)' : logField(key)} from ${from}: a message without a value is Kafka's delete marker, not an event (deletions arrive as *.deleted events)`);
    } else if (deadLetter?.sent === 'no') {
      this.#log(`${styleText('red', 'NOT dead-lettered')} ${what} from ${from}: ${event.reason}: ${error}; ${logField(deadLetter.note)}; moving on`);
    } else {
      const cut = deadLetter?.sent === 'truncated' ? ` (value cut: ${logField(deadLetter.note ?? '')})` : '';
      this.#log(`${styleText('red', 'dead-lettered')} ${what} from ${from}: ${event.reason}: ${error} -> ${this.options.deadLetterTopic}${cut}`);
    }
  }
}

function where(source: { topic: string; partition: number; offset: string }): string {
  return `${source.topic}[${source.partition}]@${source.offset}`;
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return `${error.name === 'Error' ? '' : error.name + ': '}${error.message}`;
  return String(error);
}
