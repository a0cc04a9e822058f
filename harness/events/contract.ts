/**
 * The event contract between the MongoDB backend and this consumer. Complete: read it, don't edit it.
 *
 * Every Kafka message value is one JSON envelope (envelope.ts):
 *
 *   {
 *     "event_id":   "3f0c8a4e-...",            a UUID, unique per event (use it to trace an event)
 *     "event_type": "user.created",            what happened: see EventType
 *     "entity_id":  "65a1f0c2e4b0a1b2c3d4e5f6", the MongoDB _id of the document (24 hex chars)
 *     "timestamp":  "2024-01-15T10:30:00.123456+00:00", when the backend emitted the event
 *     "data":       { ...the whole MongoDB document after the change... }
 *   }
 *
 * EventType and Topic list what every domain file (user.ts, supplier.ts, ...) declares:
 *   EventType.USER_CREATED === 'user.created', EventType.SUPPLIER_DELETED === 'supplier.deleted',
 *   Topic.USERS === 'users', Topic.SUPPLIERS === 'suppliers'.
 */
import type { Domain } from './domain.ts';
import { firstDuplicateKey } from './duplicate-keys.ts';
import { inexactValue } from './exact-values.ts';
import { domains, type AnyDomain } from './domains.ts';

export { envelopeProblem, wrapEvent, type EnvelopeOverrides, type EventEnvelope } from './envelope.ts';
import type { EventEnvelope } from './envelope.ts';

/** 'user.created' -> 'USER_CREATED' */
type ConstantName<T extends string> = T extends `${infer Head}.${infer Tail}` ? `${Uppercase<Head>}_${Uppercase<Tail>}` : Uppercase<T>;
const constantName = (value: string) => value.replace('.', '_').toUpperCase();

type AllEventTypes = AnyDomain['events'][number];
type AllTopics = AnyDomain['topic'];

/** Every event type of every domain: EventType.USER_CREATED === 'user.created', ... */
export const EventType = Object.fromEntries(
  Object.values(domains).flatMap((domain) => domain.events.map((type) => [constantName(type), type])),
) as { readonly [T in AllEventTypes as ConstantName<T>]: T };
export type EventType = AllEventTypes;

/** One topic per domain: the backend publishes every event of a domain to its topic. */
export const Topic = Object.fromEntries(Object.values(domains).map((domain) => [constantName(domain.topic), domain.topic])) as {
  readonly [T in AllTopics as Uppercase<T>]: T;
};
export type Topic = AllTopics;

const domainOfEvent = new Map<string, Domain>(Object.values(domains).flatMap((domain) => domain.events.map((type) => [type, domain] as const)));

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && domainOfEvent.has(value);
}

/** The domain description an event type belongs to. */
export function domainOf(eventType: EventType): Domain {
  return domainOfEvent.get(eventType)!;
}

export function topicOf(eventType: EventType): Topic {
  return domainOf(eventType).topic as Topic;
}

/**
 * A handler receives one parsed envelope; when its promise resolves, the event counts as stored.
 * The framework checks the envelope, not the document inside it, hence `any` for `data`: each
 * handler declares the document type it expects (EventEnvelope<UserDocument>, ...).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EventHandler = (event: EventEnvelope<any>) => Promise<void>;

/** What a kata's consumer registers: which handler processes which event type. */
export type HandlerMap = Partial<Record<EventType, EventHandler>>;

/**
 * What the harness refuses before any handler sees an event (the dead letter's reason is
 * `contract-violation`, its error names the field):
 *   - a key repeated within one object of a product's message (JSON.parse would keep only the
 *     last of two variants with one key);
 *   - an event type that does not belong to the topic it came on (a user.created on orders), when
 *     the consumer knows its topics' prefix;
 *   - a value its column cannot hold exactly, or an order item_id used twice (exact-values.ts).
 * An unknown event type is not refused here: the consumer says that no handler is registered for it.
 */
/** Event types (by prefix) whose document keys children by name, and the field that holds them. */
const KEYED_CHILDREN: readonly (readonly [string, string])[] = [['product.', '"variants"']];

export function eventProblem(event: EventEnvelope, where: { topic: string; topicPrefix?: string; rawValue?: string }): string | undefined {
  // only documents whose children are keyed by name (a product's variants) are scanned: the scan
  // costs about what JSON.parse does, and every other event would pay it for nothing
  if (where.rawValue !== undefined && KEYED_CHILDREN.some(([type, field]) => event.event_type.startsWith(type) && where.rawValue!.includes(field))) {
    const repeated = firstDuplicateKey(where.rawValue);
    if (repeated !== undefined) return `"${repeated}" appears twice in one object: JSON keeps only the last one, so the event is ambiguous`;
  }
  if (!isEventType(event.event_type)) return undefined;
  if (where.topicPrefix !== undefined) {
    const expected = where.topicPrefix + topicOf(event.event_type);
    if (where.topic !== expected) return `"event_type" ${event.event_type} belongs to the topic ${expected}, not ${where.topic}`;
  }
  return inexactValue(event);
}
