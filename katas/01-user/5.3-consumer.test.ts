/**
 * Exercise 5.3 (Consumer): UserConsumer's handlers, called the way the framework calls them
 * (through getHandlers()), with the real UserDAL and a real database. No Kafka in this file:
 * 5.3-consumer.e2e.test.ts runs the whole pipeline.
 * Run: npm test -- katas/01-user/5.3
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timestamp } from '../../harness/events/arbitraries.ts';
import { EventType, type EventEnvelope } from '../../harness/events/contract.ts';
import { userEventCase } from '../../harness/events/user.arbitraries.ts';
import { USER_COLUMNS, buildUser, userEvent, type UserRow } from '../../harness/events/user.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import { handlerFrom } from '../../harness/testing/handlers.ts';
import { assertProperty } from '../../harness/testing/properties.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { inEachTimeZone } from '../../harness/testing/time-zones.ts';
import { tables } from './tables.ts';
import { UserConsumer } from './user-consumer.ts';

const lesson = lessonFor('01-user');
const db = useKataDatabase({ kata: '01-user', tables: () => tables, requires: { tables: ['users'], exercise: '5.1' } });

const selectUsers = (userId: string) => db.select<UserRow>('users', USER_COLUMNS, { user_id: userId });
const handlerFor = (eventType: EventType) => handlerFrom(new UserConsumer().getHandlers(), eventType, lesson.exercise('5.3'));

/** Why the same call is made with the machine in several time zones. */
const zoneNote = (zone: string) =>
  zone === 'UTC'
    ? 'with the machine set to UTC.'
    : `with the machine set to ${zone}: the result must not depend on where the consumer runs (a Date's getHours(), getDate()... answer in the machine's local time; its toISOString() in UTC).`;

describe('Exercise 5.3: UserConsumer.parseTimestamp', () => {
  it.each([
    ['2024-01-15T10:30:00.123456Z', '2024-01-15 10:30:00.123456'],
    ['2024-01-15T10:30:00.123456+00:00', '2024-01-15 10:30:00.123456'],
    ['2024-01-15T16:00:00.123456+05:30', '2024-01-15 10:30:00.123456'],
    ['2024-01-15T02:30:00.000001-08:00', '2024-01-15 10:30:00.000001'],
    ['2024-01-01T01:00:00.5+02:00', '2023-12-31 23:00:00.500000'],
    ['2024-01-15T10:30:00Z', '2024-01-15 10:30:00.000000'],
    ['2024-01-15T10:30:00.123456', '2024-01-15 10:30:00.123456'],
  ])('%s -> %s', async (iso, expected) => {
    await inEachTimeZone((zone) => {
      expect(new UserConsumer().parseTimestamp(iso), `parseTimestamp('${iso}') ${zoneNote(zone)}\n${lesson.exercise('5.3')}\n`).toBe(expected);
    });
  });

  it('keeps every microsecond and converts any offset to UTC, whatever the machine\'s time zone', async () => {
    const consumer = new UserConsumer();
    await inEachTimeZone(async (zone) => {
      await assertProperty(
        fc.property(timestamp(), ({ iso, sql }) => {
          expect(consumer.parseTimestamp(iso), `parseTimestamp('${iso}') ${zoneNote(zone)}\n${lesson.exercise('5.3')}\n`).toBe(sql);
        }),
        { numRuns: 200 },
      );
    });
  });

  it('returns null for a missing timestamp (null, undefined or \'\')', () => {
    const consumer = new UserConsumer();
    expect([consumer.parseTimestamp(null), consumer.parseTimestamp(undefined), consumer.parseTimestamp('')], lesson.exercise('5.3')).toEqual([null, null, null]);
  });
});

describe('Exercise 5.3: UserConsumer handlers', () => {
  it('getHandlers() registers user.created, user.updated and user.deleted', () => {
    const handlers = new UserConsumer().getHandlers();
    expect(Object.keys(handlers).sort(), `The framework only delivers event types that getHandlers() lists.\n${lesson.exercise('5.3')}`).toEqual(
      [EventType.USER_CREATED, EventType.USER_DELETED, EventType.USER_UPDATED].sort(),
    );
  });

  it('user.created stores the flattened document (missing optional fields become NULL)', async () => {
    const handle = handlerFor(EventType.USER_CREATED);
    await assertProperty(
      fc.asyncProperty(userEventCase(EventType.USER_CREATED), async ({ event, row }) => {
        await db.reset();
        await handle(event);
        expect(await selectUsers(row.user_id), `The row stored for this user.created event (see the flattening map).\n${lesson.section('4. The flattening map')}`).toEqual([row]);
      }),
    );
  });

  it('a user with no profile and no phone is stored with NULLs, not an error', async () => {
    await db.reset();
    const document = buildUser({ contact_info: { primary_email: 'min@example.com' } });
    delete document.profile;
    const event = userEvent(EventType.USER_CREATED, document);
    await handlerFor(EventType.USER_CREATED)(event);
    const [row] = await selectUsers(document.user_id);
    expect(row, `Optional objects may be missing: read them with ?. and turn undefined into null with ?? null.\n${lesson.section('4. The flattening map')}`).toMatchObject({
      email: 'min@example.com',
      phone: null,
      display_name: null,
      avatar: null,
      bio: null,
    });
  });

  it('user.updated replaces the row\'s values but keeps created_at', async () => {
    await assertProperty(
      fc.asyncProperty(userEventCase(EventType.USER_CREATED), userEventCase(EventType.USER_UPDATED), async (created, updated) => {
        await db.reset();
        const event: EventEnvelope = { ...updated.event, entity_id: created.event.entity_id, data: { ...updated.event.data, user_id: created.event.entity_id } };
        await handlerFor(EventType.USER_CREATED)(created.event);
        await handlerFor(EventType.USER_UPDATED)(event);
        expect(await selectUsers(created.row.user_id), `After user.created then user.updated, the row holds the update's values and the original created_at.\n${lesson.exercise('5.3')}`).toEqual([
          { ...updated.row, user_id: created.row.user_id, created_at: created.row.created_at },
        ]);
      }),
    );
  });

  it('user.deleted soft-deletes the row (the row stays, deleted_at is set, event_id is the delete\'s)', async () => {
    await db.reset();
    const document = buildUser();
    await handlerFor(EventType.USER_CREATED)(userEvent(EventType.USER_CREATED, document));
    const deleted = userEvent(EventType.USER_DELETED, { user_id: document.user_id }, { timestamp: '2024-02-01T08:00:00.000002+01:00' });
    await handlerFor(EventType.USER_DELETED)(deleted);
    const rows = await selectUsers(document.user_id);
    expect(rows, `user.deleted keeps the row.\n${lesson.exercise('5.3')}`).toHaveLength(1);
    expect(rows[0], `user.deleted calls softDeleteUser(user_id, event_id, parsed timestamp).\n${lesson.exercise('5.3')}`).toMatchObject({
      event_id: deleted.event_id,
      event_timestamp: '2024-02-01 07:00:00.000002',
      email: document.contact_info.primary_email,
    });
    expect(rows[0]!.deleted_at, lesson.exercise('5.3')).not.toBeNull();
  });

  it('a duplicate delivery of the same event leaves one row', async () => {
    await assertProperty(
      fc.asyncProperty(userEventCase(EventType.USER_CREATED), async ({ event, row }) => {
        await db.reset();
        const handle = handlerFor(EventType.USER_CREATED);
        await handle(event);
        await handle(event);
        expect(await selectUsers(row.user_id), `Kafka delivers at least once: the same event twice must leave the same single row.\n${lesson.exercise('5.3')}`).toEqual([row]);
      }),
    );
  });

  it('stores microsecond timestamps exactly, whatever the machine\'s time zone', async () => {
    await inEachTimeZone(async (zone) => {
      await db.reset();
      const document = buildUser({
        created_at: '2024-03-10T01:59:59.999999-08:00',
        updated_at: '2024-11-03T01:30:00.000001-07:00',
      });
      await handlerFor(EventType.USER_CREATED)(userEvent(EventType.USER_CREATED, document, { timestamp: '2024-03-31T02:30:00.123456+05:30' }));
      const [row] = await selectUsers(document.user_id);
      expect(
        { created_at: row?.created_at, updated_at: row?.updated_at, event_timestamp: row?.event_timestamp },
        `DATETIME(6) values read back in UTC, with the machine in ${zone}.\n${lesson.exercise('5.3')}`,
      ).toEqual({ created_at: '2024-03-10 09:59:59.999999', updated_at: '2024-11-03 08:30:00.000001', event_timestamp: '2024-03-30 21:00:00.123456' });
    });
  });
});
