/**
 * The only module that talks to kafkajs. kafkajs is unmaintained (last release 2023): swapping it
 * for another client means rewriting this file and nothing else.
 *
 * What it adds to kafkajs:
 *   - delivery in order per partition, several partitions at a time, with each offset committed
 *     only after its message was handled (in groups, not one commit per message);
 *   - supervision: kafkajs stops a consumer for good after some errors (a CRASH event nobody
 *     sees at log level NOTHING). Every crash is logged in one line with its cause, and a consumer
 *     kafkajs gave up on is replaced by a new one that rejoins the group, with capped backoff.
 */
import { styleText } from 'node:util';
import { Kafka, logLevel, type Consumer, type EachBatchPayload, type KafkaMessage, type Producer } from 'kafkajs';

export type IncomingMessage = {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  /** the value as UTF-8 text; null for a tombstone (a message without a value) */
  value: string | null;
  /** the value's original bytes, for anything that must pass it on untouched */
  valueBytes: Buffer | null;
  headers: Record<string, string>;
};

export type OutgoingMessage = { key?: string | null; value: string | Buffer | null; headers?: Record<string, string> };

/** What onMessage gets besides the message: how to wait without losing the group. */
export type Delivery = {
  /** aborted when stop() begins */
  signal: AbortSignal;
  /** false once this member is stopping or lost the partition: give the message up, it comes again */
  active(): boolean;
  /** tells the group this member is alive during a long wait; throws when the group rebalances */
  heartbeat(): Promise<void>;
};

export type BrokerConsumer = {
  /**
   * Joins the group and delivers messages, in order within a partition, several partitions
   * concurrently; resolves once this member has joined the group (partitions assigned).
   * When onMessage resolves, the message's offset is committed (within a second, or at once on
   * stop); when it rejects, it is not, and the message is delivered again. A message given up
   * because the member stops or loses the partition (see Delivery.active) is not committed either.
   */
  run(onMessage: (message: IncomingMessage, delivery: Delivery) => Promise<void>): Promise<void>;
  /** Lets each partition finish the message in flight, commits, leaves the group and disconnects. */
  stop(): Promise<void>;
};

export type BrokerProducer = {
  /** Rejects with a BrokerSendError, which says whether trying again later can help. */
  send(topic: string, messages: OutgoingMessage[]): Promise<void>;
  stop(): Promise<void>;
};

export type BrokerConnection = {
  /**
   * Creates the topics if the broker supports it and they are missing, so that a consumer that
   * subscribes before anything was published gets partitions on a real Kafka. Best effort: the
   * librdkafka mock cluster has no CreateTopics and creates topics on first use instead.
   */
  ensureTopics(topics: readonly string[]): Promise<void>;
  producer(): Promise<BrokerProducer>;
  consumer(options: { groupId: string; topics: readonly string[] }): Promise<BrokerConsumer>;
};

/** A send the broker refused or could not take; `retriable` says whether the same send may work later. */
export class BrokerSendError extends Error {
  readonly retriable: boolean;
  constructor(message: string, options: { retriable: boolean; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.name = 'BrokerSendError';
    this.retriable = options.retriable;
  }
}

/** Partitions handled at the same time, each one strictly in order. */
const PARTITIONS_IN_PARALLEL = 16;
/** A replacement consumer rejoins after 1 s, 2 s, 4 s... at most this long after a crash. */
const MAX_REJOIN_DELAY_MS = 30_000;

/**
 * How long a fetch may wait for messages when there are none. A real broker answers as soon as a
 * message arrives, whatever this is; librdkafka's mock cluster (the local path, `kcat -M`) answers
 * only when the wait is over, so each event waited up to this long before the consumer saw it:
 * kata 07's end-to-end tests (11 events, one after another) took 1.62 s at 250 ms, 0.25 s at
 * 20 ms. The price is more fetches while idle: 3.8% -> 6.4% of a core per idle consumer.
 */
export const FETCH_WAIT_MS = 20;

export function connectBroker(options: { brokers: readonly string[]; clientId: string; log?: (line: string) => void }): BrokerConnection {
  silenceKafkajsTimeoutWarning();
  const log = options.log ?? ((line: string) => console.log(line));
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: [...options.brokers],
    logLevel: process.env.KATA_KAFKA_DEBUG ? logLevel.DEBUG : logLevel.NOTHING,
    retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 2_000 },
  });
  return {
    async ensureTopics(topics) {
      const admin = kafka.admin();
      try {
        await admin.connect();
        await admin.createTopics({ topics: topics.map((topic) => ({ topic })), waitForLeaders: true });
      } catch {
        // the mock cluster (no CreateTopics), or no right to create: topics are created on first use
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
    async producer() {
      const producer = kafka.producer({ allowAutoTopicCreation: true });
      await producer.connect();
      return wrapProducer(producer);
    },
    async consumer({ groupId, topics }) {
      const create = async (): Promise<Consumer> => {
        // Timeouts sized so that a group forms and re-forms in seconds rather than the defaults' 30 s.
        const consumer = kafka.consumer({
          groupId,
          sessionTimeout: 6_000,
          rebalanceTimeout: 3_000,
          heartbeatInterval: 500,
          maxWaitTimeInMs: FETCH_WAIT_MS,
          allowAutoTopicCreation: true,
        });
        await consumer.connect();
        await consumer.subscribe({ topics: [...topics], fromBeginning: true });
        return consumer;
      };
      // the first connection's errors reach the caller; a replacement's are logged and retried
      return new SupervisedConsumer(groupId, create, await create(), log);
    },
  };
}

class SupervisedConsumer implements BrokerConsumer {
  readonly #groupId: string;
  readonly #create: () => Promise<Consumer>;
  readonly #log: (line: string) => void;
  readonly #stopping = new AbortController();
  #current: Consumer;
  #onMessage: ((message: IncomingMessage, delivery: Delivery) => Promise<void>) | undefined;
  #crashesInARow = 0;
  #rejoinTimer: NodeJS.Timeout | undefined;
  #joined = Promise.withResolvers<void>();

  constructor(groupId: string, create: () => Promise<Consumer>, first: Consumer, log: (line: string) => void) {
    this.#groupId = groupId;
    this.#create = create;
    this.#log = log;
    this.#current = this.#watch(first);
  }

  async run(onMessage: (message: IncomingMessage, delivery: Delivery) => Promise<void>): Promise<void> {
    this.#onMessage = onMessage;
    await this.#run(this.#current);
    // kafkajs' run() also resolves when the join failed (it then crashed): wait for a real join
    await this.#joined.promise;
  }

  async stop(): Promise<void> {
    this.#stopping.abort();
    clearTimeout(this.#rejoinTimer);
    this.#joined.resolve();
    await this.#current.disconnect();
  }

  #watch(consumer: Consumer): Consumer {
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.#crashesInARow = 0;
      const partitions = Object.entries(payload.memberAssignment).map(([topic, numbers]) => `${topic}[${numbers.join(',')}]`);
      this.#log(`joined group ${this.#groupId}: ${partitions.join(' ') || 'no partitions (more members than partitions)'}`);
      this.#joined.resolve();
    });
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (consumer !== this.#current || this.#stopping.signal.aborted) return;
      const cause = crashCause(payload.error);
      if (payload.restart) {
        // kafkajs restarts this consumer itself, after its retry delay
        this.#log(styleText('red', `consumer crashed (group ${this.#groupId}): ${cause}; kafkajs restarts it`));
        return;
      }
      this.#crashesInARow++;
      const delayMs = Math.min(1_000 * 2 ** (this.#crashesInARow - 1), MAX_REJOIN_DELAY_MS);
      this.#log(styleText('red', `consumer crashed (group ${this.#groupId}): ${cause}; kafkajs gave up on it, a new one rejoins in ${delayMs / 1000} s`));
      this.#rejoinTimer = setTimeout(() => void this.#rejoin(), delayMs);
    });
    return consumer;
  }

  async #rejoin(): Promise<void> {
    if (this.#stopping.signal.aborted) return;
    try {
      const next = this.#watch(await this.#create());
      if (this.#stopping.signal.aborted) {
        await next.disconnect();
        return;
      }
      this.#current = next;
      await this.#run(next);
    } catch (error) {
      this.#crashesInARow++;
      const delayMs = Math.min(1_000 * 2 ** (this.#crashesInARow - 1), MAX_REJOIN_DELAY_MS);
      this.#log(styleText('red', `could not rejoin group ${this.#groupId}: ${crashCause(error)}; next try in ${delayMs / 1000} s`));
      this.#rejoinTimer = setTimeout(() => void this.#rejoin(), delayMs);
    }
  }

  #run(consumer: Consumer): Promise<void> {
    const onMessage = this.#onMessage!;
    const signal = this.#stopping.signal;
    return consumer.run({
      // Offsets are committed by kafkajs: every 500 ms while a batch runs, and at the end of every
      // batch, including the batch in flight when stop() is called (an explicit
      // consumer.commitOffsets() would not do: kafkajs ignores it once stopping began). No count
      // threshold: kafkajs recounts every partition's offsets for it after each message.
      autoCommit: true,
      autoCommitInterval: 500,
      // a batch given up half-way must not count as handled
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: PARTITIONS_IN_PARALLEL,
      eachBatch: async ({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload) => {
        const delivery: Delivery = { signal, heartbeat, active: () => !signal.aborted && isRunning() && !isStale() };
        let checkedAt = Date.now();
        for (const message of batch.messages) {
          if (!delivery.active()) break;
          try {
            await onMessage(incoming(batch.topic, batch.partition, message), delivery);
          } catch (error) {
            // given up because this member stops or lost the partition: not committed, comes again
            if (!delivery.active()) break;
            // kafkajs commits the offsets resolved so far and delivers this message again
            throw error;
          }
          // committed with the next commit, which can only ever cover messages handled
          resolveOffset(message.offset);
          // both are cheap but not free; a tenth of a second is well within their intervals
          if (Date.now() - checkedAt >= 100) {
            checkedAt = Date.now();
            await commitOffsetsIfNecessary();
            await heartbeat();
          }
        }
      },
    });
  }
}

function incoming(topic: string, partition: number, message: KafkaMessage): IncomingMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) headers[name] = (Array.isArray(value) ? value[0] : value)?.toString('utf8') ?? '';
  }
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    value: message.value?.toString('utf8') ?? null,
    valueBytes: message.value ?? null,
    headers,
  };
}

function wrapProducer(producer: Producer): BrokerProducer {
  return {
    async send(topic, messages) {
      try {
        await producer.send({ topic, messages: messages.map((m) => ({ key: m.key ?? null, value: m.value, headers: m.headers })) });
      } catch (error) {
        const cause = originalCause(error);
        throw new BrokerSendError(crashCause(error), { retriable: (cause as { retriable?: unknown }).retriable === true, cause: error });
      }
    },
    async stop() {
      await producer.disconnect();
    },
  };
}

/** kafkajs wraps the error that counts ("retries exceeded", "non-retriable") around the original. */
function originalCause(error: unknown): unknown {
  let current = error;
  for (let depth = 0; depth < 10 && current instanceof Error && current.cause instanceof Error; depth++) current = current.cause;
  return current;
}

/** One line: the original error's name, Kafka error code and message, and what wrapped it. */
function crashCause(error: unknown): string {
  const original = originalCause(error);
  const describe = (e: unknown) => {
    if (!(e instanceof Error)) return String(e);
    const type = (e as { type?: unknown }).type;
    return `${e.name}${typeof type === 'string' ? ` ${type}` : ''}: ${e.message}`;
  };
  const text = original === error ? describe(error) : `${describe(original)} (${(error as Error).name})`;
  return text.replace(/\s+/g, ' ').trim();
}

/** kafkajs on Node >= 23 triggers a TimeoutNegativeWarning per consumer (an unfixed kafkajs bug). */
let warningFiltered = false;
function silenceKafkajsTimeoutWarning(): void {
  if (warningFiltered) return;
  warningFiltered = true;
  const emitWarning = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const name = typeof warning === 'string' ? (typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type) : warning.name;
    if (name === 'TimeoutNegativeWarning') return;
    emitWarning(warning, ...rest);
  }) as typeof process.emitWarning;
}
