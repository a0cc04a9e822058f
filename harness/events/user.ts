/**
 * The User domain: the document the backend sends, and the flat row it becomes in MySQL.
 * Complete: read it, don't edit it. Kata 01 builds the table, DAL and handlers for it.
 */
import { defineDomain } from './domain.ts';
import { newObjectId, wrapEvent, type EnvelopeOverrides, type EventEnvelope, type SqlDateTime } from './envelope.ts';

export { newObjectId, type SqlDateTime };

/** A user as MongoDB stores it (the `data` of user.created / user.updated). */
export type UserDocument = {
  user_id: string;
  contact_info: {
    primary_email: string;
    /** optional: missing or null when the user gave no phone number */
    phone?: string | null;
  };
  /** optional: a user who never opened the profile page has no profile object at all */
  profile?: {
    display_name?: string | null;
    avatar?: string | null;
    bio?: string | null;
  } | null;
  version: number;
  /** null unless the user was deleted */
  deleted_at?: string | null;
  created_at: string;
  updated_at: string;
};

/** The `data` of user.deleted: the backend only says who was deleted. */
export type UserDeletedData = { user_id: string };

/** One row of the `users` table: exactly one field per column, in column order. */
export type UserRow = {
  user_id: string;
  email: string;
  phone: string | null;
  display_name: string | null;
  avatar: string | null;
  bio: string | null;
  version: number;
  deleted_at: SqlDateTime | null;
  created_at: SqlDateTime;
  updated_at: SqlDateTime;
  event_id: string;
  event_timestamp: SqlDateTime;
};

/** The column order of `users`, as the course defines it. */
export const USER_COLUMNS = [
  'user_id', 'email', 'phone', 'display_name', 'avatar', 'bio', 'version',
  'deleted_at', 'created_at', 'updated_at', 'event_id', 'event_timestamp',
] as const satisfies readonly (keyof UserRow)[];

/** A realistic user document; pass overrides for the fields a test cares about. */
export function buildUser(overrides: Partial<UserDocument> = {}): UserDocument {
  return {
    user_id: newObjectId(),
    contact_info: { primary_email: 'ada@example.com', phone: '+44 20 7946 0958' },
    profile: { display_name: 'Ada Lovelace', avatar: 'https://cdn.example.com/ada.png', bio: 'Analyst. Poet of numbers.' },
    version: 1,
    deleted_at: null,
    created_at: '2024-01-15T10:30:00.123456+00:00',
    updated_at: '2024-01-15T10:30:00.123456+00:00',
    ...overrides,
  };
}

export function userEvent(eventType: 'user.created' | 'user.updated', data: UserDocument, envelope?: EnvelopeOverrides): EventEnvelope<UserDocument>;
export function userEvent(eventType: 'user.deleted', data: UserDeletedData, envelope?: EnvelopeOverrides): EventEnvelope<UserDeletedData>;
/** Wraps a user document in the envelope the backend publishes. */
export function userEvent(eventType: string, data: UserDocument | UserDeletedData, envelope: EnvelopeOverrides = {}): EventEnvelope<UserDocument | UserDeletedData> {
  return wrapEvent(eventType, data.user_id, data, { timestamp: '2024-01-15T10:30:00.654321+00:00', ...envelope });
}

/** The user domain as the harness's tools see it (see domain.ts). */
export const userDomain = defineDomain({
  name: 'user',
  topic: 'users',
  table: 'users',
  idField: 'user_id',
  events: ['user.created', 'user.updated', 'user.deleted'],
  refersToExisting: ['user.deleted'],
  example: (type, id, now) =>
    type === 'user.deleted'
      ? userEvent(type, { user_id: id }, { timestamp: now })
      : userEvent(type, buildUser({ user_id: id, created_at: now, updated_at: now }), { timestamp: now }),
});
