/**
 * The event contract between the MongoDB backend and this consumer. Complete: read it, don't edit it.
 *
 * Every Kafka message value is one JSON envelope:
 *
 *   {
 *     "event_id":   "3f0c8a4e-...",            a UUID, unique per event (use it to trace an event)
 *     "event_type": "user.created",            what happened: see EventType
 *     "entity_id":  "65a1f0c2e4b0a1b2c3d4e5f6", the MongoDB _id of the document (24 hex chars)
 *     "timestamp":  "2024-01-15T10:30:00.123456+00:00", when the backend emitted the event
 *     "data":       { ...the whole MongoDB document after the change... }
 *   }
 */

import { randomUUID } from 'node:crypto';

export type EventEnvelope<TData = Record<string, unknown>> = {
  event_id: string;
  event_type: string;
  entity_id: string;
  timestamp: string;
  data: TData;
};

/** Event types, grouped by domain. Later katas add theirs here. */
export const EventType = {
  USER_CREATED: 'user.created',
  USER_UPDATED: 'user.updated',
  USER_DELETED: 'user.deleted',
  SUPPLIER_CREATED: 'supplier.created',
  SUPPLIER_UPDATED: 'supplier.updated',
  SUPPLIER_DELETED: 'supplier.deleted',
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

/** One topic per domain: the backend publishes every event of a domain to its topic. */
export const Topic = {
  USERS: 'users',
  SUPPLIERS: 'suppliers',
} as const;
export type Topic = (typeof Topic)[keyof typeof Topic];

const topicOfEvent: Record<EventType, Topic> = {
  [EventType.USER_CREATED]: Topic.USERS,
  [EventType.USER_UPDATED]: Topic.USERS,
  [EventType.USER_DELETED]: Topic.USERS,
  [EventType.SUPPLIER_CREATED]: Topic.SUPPLIERS,
  [EventType.SUPPLIER_UPDATED]: Topic.SUPPLIERS,
  [EventType.SUPPLIER_DELETED]: Topic.SUPPLIERS,
};

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && Object.hasOwn(topicOfEvent, value);
}

export function topicOf(eventType: EventType): Topic {
  return topicOfEvent[eventType];
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

/** Checks the envelope's shape; returns what is wrong, or undefined when it is usable. */
export function envelopeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'the message is not a JSON object';
  const record = value as Record<string, unknown>;
  for (const field of ['event_id', 'event_type', 'entity_id', 'timestamp'] as const) {
    if (typeof record[field] !== 'string' || record[field] === '') return `"${field}" is missing or not a string`;
  }
  const data = record.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return '"data" is missing or not an object';
  return undefined;
}

/** An envelope as the backend publishes it, with a fresh event_id; overrides for any field. */
export function wrapEvent<TData>(
  eventType: EventType,
  entityId: string,
  data: TData,
  envelope: Partial<Omit<EventEnvelope, 'data' | 'event_type'>> = {},
): EventEnvelope<TData> {
  return { event_id: randomUUID(), event_type: eventType, entity_id: entityId, timestamp: '2024-01-15T10:30:00.654321+00:00', ...envelope, data };
}
