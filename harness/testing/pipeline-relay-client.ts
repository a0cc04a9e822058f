/**
 * A test file's end of the watch session's pipeline relay (pipeline-relay.ts): registers the
 * handlers this file built, runs them when the session's consumer calls, hands events to the relay
 * to publish, and passes on what the framework reports (processed events, log lines).
 */
import { connect, type Socket } from 'node:net';
import type { EventEnvelope, HandlerMap } from '../events/contract.ts';
import type { ProcessedEvent } from '../kafka/event-consumer.ts';
import type { KnownEntity } from '../kafka/known-entity.ts';
import type { FromRelay, ToRelay } from './pipeline-relay.ts';
import { lineReader, send, serializeError } from './pipeline-wire.ts';

export type RelayConnection = {
  publish(topic: string, key: string, event: EventEnvelope<object>): Promise<void>;
  close(): void;
};

export async function connectRelay(
  address: string,
  handlers: HandlerMap,
  listeners: { processed(event: ProcessedEvent): void; log(line: string): void },
  knownEntity: KnownEntity,
): Promise<RelayConnection> {
  const [host, port] = [address.slice(0, address.lastIndexOf(':')), Number(address.slice(address.lastIndexOf(':') + 1))];
  const socket: Socket = connect({ host, port, noDelay: true });
  const sends = new Map<number, { resolve(): void; reject(error: Error): void }>();
  let nextSend = 0;
  let closed = false;
  const ready = new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.on('close', () => {
      closed = true;
      const gone = new Error('the watch session\'s event pipeline closed the connection (was vitest stopped?)');
      reject(gone);
      for (const pending of sends.values()) pending.reject(gone);
      sends.clear();
    });
    lineReader(socket, async (message: FromRelay) => {
      switch (message.t) {
        case 'ready':
          return resolve();
        case 'failed':
          return reject(new Error(`The watch session's Kafka consumer could not start: ${message.error}`));
        case 'sent': {
          const pending = sends.get(message.id);
          sends.delete(message.id);
          return message.error ? pending?.reject(new Error(`Kafka did not take the event: ${message.error}`)) : pending?.resolve();
        }
        case 'call': {
          const handler = handlers[message.eventType as keyof HandlerMap];
          try {
            const value = message.kind === 'known' ? await knownEntity(message.event as EventEnvelope) : await handler!(message.event as never);
            send(socket, { t: 'result', call: message.call, value: message.kind === 'known' ? value : undefined } satisfies ToRelay);
          } catch (error) {
            send(socket, { t: 'result', call: message.call, error: serializeError(error) } satisfies ToRelay);
          }
          return;
        }
        case 'processed':
          return listeners.processed(message.event);
        case 'log':
          return listeners.log(message.line);
      }
    });
  });
  socket.once('connect', () => send(socket, { t: 'hello', handlers: Object.keys(handlers) } satisfies ToRelay));
  await ready;
  return {
    publish(topic, key, event) {
      if (closed) return Promise.reject(new Error('the watch session\'s event pipeline is gone'));
      const id = nextSend++;
      return new Promise<void>((resolve, reject) => {
        sends.set(id, { resolve, reject });
        send(socket, { t: 'deliver', id, topic, key, event } satisfies ToRelay);
      });
    },
    close() {
      socket.end();
    },
  };
}
