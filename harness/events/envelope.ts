/**
 * The envelope every Kafka message value carries, whatever its domain. Complete: read it, don't
 * edit it. (contract.ts re-exports all of this; the domain files import it from here.)
 *
 *   {
 *     "event_id":   "3f0c8a4e-...",            a UUID, unique per event (use it to trace an event)
 *     "event_type": "user.created",            what happened: see EventType in contract.ts
 *     "entity_id":  "65a1f0c2e4b0a1b2c3d4e5f6", the MongoDB _id of the document (24 hex chars)
 *     "timestamp":  "2024-01-15T10:30:00.123456+00:00", when the backend emitted the event
 *     "data":       { ...the whole MongoDB document after the change... }
 *   }
 */
import { randomBytes, randomUUID } from 'node:crypto';

export type EventEnvelope<TData = Record<string, unknown>> = {
  event_id: string;
  event_type: string;
  entity_id: string;
  timestamp: string;
  data: TData;
};

/** What a test or a tool may override in an envelope besides its type and data. */
export type EnvelopeOverrides = Partial<Omit<EventEnvelope, 'data' | 'event_type'>>;

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
export function wrapEvent<TData>(eventType: string, entityId: string, data: TData, envelope: EnvelopeOverrides = {}): EventEnvelope<TData> {
  return { event_id: randomUUID(), event_type: eventType, entity_id: entityId, timestamp: '2024-01-15T10:30:00.654321+00:00', ...envelope, data };
}

/** A MongoDB ObjectId as the backend serialises it: 24 lowercase hex characters. */
export function newObjectId(): string {
  return randomBytes(12).toString('hex');
}

/** A DATETIME(6) value as the pool sends and returns it: 'YYYY-MM-DD HH:MM:SS.ffffff', in UTC. */
export type SqlDateTime = string;
