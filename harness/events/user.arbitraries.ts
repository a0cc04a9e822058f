/**
 * fast-check arbitraries for the User domain. Each generated event comes with the row that a
 * correct consumer stores for it, so a property can compare the two directly.
 */
import fc from 'fast-check';
import { EventType } from './contract.ts';
import { wrapEvent, type EventEnvelope } from './envelope.ts';
import { assemble, eventId, nested, nullable, objectId, optional, put, sqlDateTime, text, timestamp } from './arbitraries.ts';
import type { UserDocument, UserRow } from './user.ts';

/** Column sizes of `users`, shared by the generators so every value fits its column. */
export const USER_LIMITS = { email: 255, phone: 50, display_name: 100, avatar: 500, bio: 2000 } as const;

/** A row as UserDAL.insertUser receives it. */
export const userRow = (): fc.Arbitrary<UserRow> =>
  fc.record({
    user_id: objectId(),
    email: text(USER_LIMITS.email, 1),
    phone: nullable(text(USER_LIMITS.phone)),
    display_name: nullable(text(USER_LIMITS.display_name)),
    avatar: nullable(text(USER_LIMITS.avatar)),
    bio: nullable(text(USER_LIMITS.bio)),
    version: fc.integer({ min: 1, max: 2_147_483_647 }),
    deleted_at: nullable(sqlDateTime()),
    created_at: sqlDateTime(),
    updated_at: sqlDateTime(),
    event_id: eventId(),
    event_timestamp: sqlDateTime(),
  });

export type UserEventCase = {
  event: EventEnvelope<UserDocument>;
  /** the row a correct consumer leaves in `users` for this event */
  row: UserRow;
};

/** user.created / user.updated events over the whole document space, with their expected rows. */
export const userEventCase = (
  eventType: typeof EventType.USER_CREATED | typeof EventType.USER_UPDATED = EventType.USER_CREATED,
): fc.Arbitrary<UserEventCase> =>
  fc
    .record({
      userId: objectId(),
      email: text(USER_LIMITS.email, 1),
      phone: optional(text(USER_LIMITS.phone)),
      profile: nested(
        fc.record({
          display_name: optional(text(USER_LIMITS.display_name)),
          avatar: optional(text(USER_LIMITS.avatar)),
          bio: optional(text(USER_LIMITS.bio)),
        }),
      ),
      version: fc.integer({ min: 1, max: 2_147_483_647 }),
      deletedAt: optional(timestamp()),
      createdAt: timestamp(),
      updatedAt: timestamp(),
      eventId: eventId(),
      emittedAt: timestamp(),
    })
    .map((g) => {
      const contact: Record<string, unknown> = { primary_email: g.email };
      put(contact, 'phone', g.phone);
      const data: Record<string, unknown> = { user_id: g.userId, contact_info: contact, version: g.version };
      const profile = assemble(data, 'profile', g.profile);
      put(data, 'deleted_at', { present: g.deletedAt.present, value: g.deletedAt.value?.iso ?? null });
      data.created_at = g.createdAt.iso;
      data.updated_at = g.updatedAt.iso;
      const event = wrapEvent(eventType, g.userId, data as UserDocument, { event_id: g.eventId, timestamp: g.emittedAt.iso });
      const row: UserRow = {
        user_id: g.userId,
        email: g.email,
        phone: g.phone.value,
        display_name: profile?.display_name ?? null,
        avatar: profile?.avatar ?? null,
        bio: profile?.bio ?? null,
        version: g.version,
        deleted_at: g.deletedAt.value?.sql ?? null,
        created_at: g.createdAt.sql,
        updated_at: g.updatedAt.sql,
        event_id: g.eventId,
        event_timestamp: g.emittedAt.sql,
      };
      return { event, row };
    });
