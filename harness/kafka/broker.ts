/**
 * The only module that talks to kafkajs. kafkajs is unmaintained (last release 2023): swapping it
 * for another client means rewriting this file and nothing else.
 */
import { Kafka, logLevel, type Consumer, type Producer } from 'kafkajs';

export type IncomingMessage = {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
};

export type OutgoingMessage = { key?: string | null; value: string };

export type BrokerConsumer = {
  /**
   * Joins the group and starts delivering, one message at a time per partition; resolves once
   * this member has its partitions. A message's offset is committed as soon as onMessage resolves
   * for it (so after a restart the group resumes right after it); if onMessage rejects, the
   * message is not committed and will be delivered again.
   */
  run(onMessage: (message: IncomingMessage) => Promise<void>): Promise<void>;
  /** Waits for the message in flight, then leaves the group and disconnects. */
  stop(): Promise<void>;
};

export type BrokerProducer = {
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

export function connectBroker(options: { brokers: readonly string[]; clientId: string }): BrokerConnection {
  silenceKafkajsTimeoutWarning();
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
      // Timeouts sized so that a group forms and re-forms in seconds rather than the defaults' 30 s.
      const consumer = kafka.consumer({
        groupId,
        sessionTimeout: 6_000,
        rebalanceTimeout: 3_000,
        heartbeatInterval: 500,
        maxWaitTimeInMs: 250,
        allowAutoTopicCreation: true,
      });
      await consumer.connect();
      await consumer.subscribe({ topics: [...topics], fromBeginning: true });
      return wrapConsumer(consumer);
    },
  };
}

function wrapConsumer(consumer: Consumer): BrokerConsumer {
  return {
    async run(onMessage) {
      // kafkajs commits a message's offset right after eachMessage resolves for it (threshold 1),
      // including the one in flight during stop(). An explicit commitOffsets() would not do: kafkajs
      // ignores it once stopping has begun, and the in-flight event would be delivered again.
      await consumer.run({
        autoCommit: true,
        autoCommitThreshold: 1,
        eachMessage: async ({ topic, partition, message }) => {
          await onMessage({
            topic,
            partition,
            offset: message.offset,
            key: message.key?.toString('utf8') ?? null,
            value: message.value?.toString('utf8') ?? null,
          });
        },
      });
    },
    async stop() {
      await consumer.disconnect();
    },
  };
}

function wrapProducer(producer: Producer): BrokerProducer {
  return {
    async send(topic, messages) {
      await producer.send({ topic, messages: messages.map((m) => ({ key: m.key ?? null, value: m.value })) });
    },
    async stop() {
      await producer.disconnect();
    },
  };
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
