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
  /** Joins the group and starts delivering; resolves once this member has its partitions. */
  run(onMessage: (message: IncomingMessage) => Promise<void>): Promise<void>;
  /** Marks a message as done: after a restart the group resumes right after it. */
  commit(message: IncomingMessage): Promise<void>;
  /** Waits for the message in flight, then leaves the group and disconnects. */
  stop(): Promise<void>;
};

export type BrokerProducer = {
  send(topic: string, messages: OutgoingMessage[]): Promise<void>;
  stop(): Promise<void>;
};

export type BrokerConnection = {
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
      await consumer.run({
        autoCommit: false,
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
    async commit(message) {
      const next = (BigInt(message.offset) + 1n).toString();
      await consumer.commitOffsets([{ topic: message.topic, partition: message.partition, offset: next }]);
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
