/**
 * What the harness knows about one domain of the backend (users, suppliers, ...): the one
 * description every tool derives its lists from (event types, topics, the service's
 * subscriptions, `npm run emit`). A new kata's domain file exports one `defineDomain({...})` and
 * adds it to domains.ts; nothing else lists event types or topics by hand.
 */
import type { EventEnvelope } from './envelope.ts';

export type Domain<Name extends string = string, TopicName extends string = string, Type extends string = string> = {
  /** singular, as in the event types: 'user' */
  name: Name;
  /** the Kafka topic the backend publishes every event of this domain to */
  topic: TopicName;
  /** the table its kata stores the entity in, and the column holding the entity id */
  table: string;
  idField: string;
  /** every event type of the domain, '<name>.<verb>' */
  events: readonly Type[];
  /** event types that only name an existing entity: `npm run emit` asks for its --id */
  refersToExisting: readonly Type[];
  /** a realistic event of this type for the entity `id`, stamped `now` (ISO text), for `npm run emit` */
  example(type: Type, id: string, now: string): EventEnvelope<object>;
};

/** Keeps the literal names and types of a domain description (so EventType can be derived). */
export function defineDomain<const Name extends string, const TopicName extends string, const Type extends `${Name}.${string}`>(
  domain: Domain<Name, TopicName, Type>,
): Domain<Name, TopicName, Type> {
  return domain;
}
