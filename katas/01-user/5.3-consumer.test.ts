/**
 * Exercise 5.3 (Consumer): UserConsumer's handlers, called the way the framework calls them
 * (through getHandlers(), as plain functions). The consumer gets a recording DAL instead of
 * UserDAL, so this file judges what your handlers hand to the DAL, whatever state your DAL is in.
 * No database and no Kafka here: 5.3-consumer.e2e.test.ts runs the whole pipeline for real.
 * Run: npm test -- katas/01-user/5.3
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timestamp } from '../../harness/events/arbitraries.ts';
import { impossibleTimestamp } from '../../harness/events/time.arbitraries.ts';
import { EventType, type EventEnvelope } from '../../harness/events/contract.ts';
import { userEventCase } from '../../harness/events/user.arbitraries.ts';
import { USER_COLUMNS, buildUser, userEvent, type UserDocument } from '../../harness/events/user.ts';
import { isNotStarted } from '../../harness/not-started.ts';
import { consumerUnderTest } from '../../harness/testing/consumer.ts';
import { assertProperty } from '../../harness/testing/properties.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { inEachTimeZone } from '../../harness/testing/time-zones.ts';
import { UserConsumer } from './user-consumer.ts';
import type { UserDAL } from './user-dal.ts';

const lesson = lessonFor('01-user');
const refuseImpossible = lesson.paragraph('Exercise 5.3', 'Refuse what does not exist');
const consumer = consumerUnderTest({
  dal: {
    name: 'UserDAL',
    methods: {
      insertUser: [{ name: 'user', columns: USER_COLUMNS }],
      softDeleteUser: [{ name: 'userId' }, { name: 'eventId' }, { name: 'eventTimestamp' }],
    },
  },
  create: (dal: UserDAL) => new UserConsumer(dal),
  handlerNames: { [EventType.USER_CREATED]: 'handleUserCreated', [EventType.USER_UPDATED]: 'handleUserUpdated', [EventType.USER_DELETED]: 'handleUserDeleted' },
  lessons: {
    exercise: lesson.exercise('5.3'),
    nulls: lesson.section('4. The flattening map'),
    failures: lesson.paragraph('Exercise 5.3', 'Let failures through'),
    unboundThis: lesson.stubComment('user-consumer.ts', 'getHandlers()'),
  },
});

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
    // leap years: every 4th year, but of the century years only those 400 divides
    ['2024-02-29T12:00:00Z', '2024-02-29 12:00:00.000000'],
    ['2000-02-29T12:00:00Z', '2000-02-29 12:00:00.000000'],
    // the ends of what exists: the first and last moments of DATETIME, the widest offsets
    ['0001-01-01T00:00:00Z', '0001-01-01 00:00:00.000000'],
    ['9999-12-31T23:59:59.999999Z', '9999-12-31 23:59:59.999999'],
    ['2024-01-15T10:30:00+23:59', '2024-01-14 10:31:00.000000'],
    ['2024-01-15T10:30:00-23:59', '2024-01-16 10:29:00.000000'],
    // a seventh fraction digit (Python's fromisoformat reads it) does not fit DATETIME(6): six digits go to the DAL
    ['2024-01-15T10:30:00.1234564Z', '2024-01-15 10:30:00.123456'],
  ])('%s -> %s', async (iso, expected) => {
    await inEachTimeZone((zone) => {
      expect(new UserConsumer().parseTimestamp(iso), `parseTimestamp('${iso}') ${zoneNote(zone)}\n${lesson.exercise('5.3')}\n`).toBe(expected);
    });
  });

  it('keeps every microsecond and converts any offset to UTC, whatever the machine\'s time zone', async () => {
    const parser = new UserConsumer();
    await inEachTimeZone(async (zone) => {
      await assertProperty(
        fc.property(timestamp(), ({ iso, sql }) => {
          expect(parser.parseTimestamp(iso), `parseTimestamp('${iso}') ${zoneNote(zone)}\n${lesson.exercise('5.3')}\n`).toBe(sql);
        }),
        { numRuns: 200 },
      );
    });
  });

  /** parseTimestamp(iso) must throw an Error whose message names the value; the message says what it did instead. */
  const expectRefused = (parser: UserConsumer, iso: string, why: string, problem = 'that timestamp does not exist') => {
    let returned: unknown;
    try {
      returned = parser.parseTimestamp(iso);
    } catch (error) {
      // the stub's "not implemented yet" is no refusal: say that, not that its message lacks the value
      if (isNotStarted(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      expect(
        message.includes(iso),
        `parseTimestamp('${iso}') threw, but its message does not name the value: ${JSON.stringify(message)}.\n` +
          `The framework dead-letters the event with this message as the reason: put the refused text in it, e.g. \`not a date and time that exists: "\${value}"\`.\n${refuseImpossible}\n`,
      ).toBe(true);
      return;
    }
    expect.fail(
      `parseTimestamp('${iso}') returned ${JSON.stringify(returned)}, but ${why}: ${problem}.\n` +
        `A timestamp that does not exist must be refused (throw an Error that names it), not moved to another day: ` +
        `the framework then parks the event on the dead-letter topic with your message, instead of storing a date nobody sent.\n` +
        `${refuseImpossible}\n`,
    );
  };

  it.each([
    ['2024-02-30T10:00:00Z', 'February has no 30th'],
    ['2023-02-29T10:00:00.000001Z', '2023 is not a leap year: February 2023 has 28 days'],
    ['2024-04-31T10:00:00+02:00', 'April has 30 days'],
    ['2024-13-45T25:61:61Z', 'there is no month 13, no day 45, no hour 25, no minute 61'],
    ['2024-00-10T10:00:00Z', 'there is no month 0'],
    ['2024-01-15T24:00:00Z', 'hours run 00-23'],
    ['2024-01-15T10:30:60Z', 'seconds run 00-59 (Python refuses a leap second too)'],
    ['0000-01-01T00:00:00Z', 'the calendar starts at year 0001'],
    ['2024-01-15T10:30:00+24:00', 'UTC offsets stay within ±23:59'],
    ['2024-01-15T10:30:00+05:60', 'an offset\'s minutes run 00-59'],
    ['1900-02-29T10:00:00Z', '1900 is not a leap year: a century year is one only when 400 divides it (2000 was, 1900 and 2100 are not)'],
    ['2100-02-29T10:00:00.5+01:00', '2100 is not a leap year: a century year is one only when 400 divides it (2000 was, 1900 and 2100 are not)'],
    ['0000-12-31T23:00:00-02:00', 'the calendar starts at year 0001 (even where UTC has already reached 0001)'],
    ['0001-01-01T00:30:00+01:00', 'in UTC it is 0000-12-31 23:30, before the calendar\'s year 0001'],
    ['9999-12-31T23:00:00-02:00', 'in UTC it is 10000-01-01 01:00, after DATETIME\'s last year 9999'],
  ])('refuses %s (%s): it throws instead of moving it to another day', async (iso, why) => {
    const parser = new UserConsumer();
    await inEachTimeZone(() => expectRefused(parser, iso, why));
  });

  it('refuses every generated timestamp that does not exist (day past the month\'s end, month 13, hour 24, minute 60, year 0000...)', async () => {
    const parser = new UserConsumer();
    await assertProperty(fc.property(impossibleTimestamp(), ({ iso, why }) => expectRefused(parser, iso, why)), { numRuns: 200 });
  });

  it.each([
    ['yesterday', 'it is a word'],
    ['on 2024-01-15T10:30:00Z', 'text comes before the timestamp'],
    ['2024-01-15T10:30:00Z, then again', 'text comes after the timestamp'],
  ])('refuses %j (%s): it throws instead of reading a date out of it', async (text, why) => {
    const parser = new UserConsumer();
    await inEachTimeZone(() => expectRefused(parser, text, why, 'that is not an ISO 8601 timestamp (match the whole text: ^...$)'));
  });

  it('returns null for a missing timestamp (null, undefined or \'\')', () => {
    const parser = new UserConsumer();
    expect([parser.parseTimestamp(null), parser.parseTimestamp(undefined), parser.parseTimestamp('')], lesson.exercise('5.3')).toEqual([null, null, null]);
  });
});

describe('Exercise 5.3: UserConsumer handlers', () => {
  it('getHandlers() registers user.created, user.updated and user.deleted', () => {
    const handlers = new UserConsumer().getHandlers();
    expect(Object.keys(handlers).sort(), `The framework only delivers event types that getHandlers() lists.\n${lesson.exercise('5.3')}`).toEqual(
      [EventType.USER_CREATED, EventType.USER_DELETED, EventType.USER_UPDATED].sort(),
    );
  });

  it('user.created hands insertUser the flattened document (missing optional fields become null)', async () => {
    await assertProperty(
      fc.asyncProperty(userEventCase(EventType.USER_CREATED), async ({ event, row }) => {
        await consumer.expectDalCalls(event, [{ method: 'insertUser', args: [row] }], `The row for this user.created event, as section 4 maps it.\n${lesson.section('4. The flattening map')}`);
      }),
    );
  });

  it('a user with no profile and no phone is handed over with nulls, not an error', async () => {
    const document = buildUser({ contact_info: { primary_email: 'min@example.com' } });
    delete document.profile;
    const [call] = await consumer.deliver(userEvent(EventType.USER_CREATED, document));
    expect(call?.args[0]).toEqualRow(
      { email: 'min@example.com', phone: null, display_name: null, avatar: null, bio: null },
      {
        columns: ['email', 'phone', 'display_name', 'avatar', 'bio'],
        partial: true,
        why: 'Optional objects may be missing: read them with ?. and turn undefined into null with ?? null.',
        pointer: lesson.section('4. The flattening map'),
      },
    );
  });

  it('user.updated hands insertUser the whole updated document (the same upsert as created)', async () => {
    await assertProperty(
      fc.asyncProperty(userEventCase(EventType.USER_UPDATED), async ({ event, row }) => {
        await consumer.expectDalCalls(event, [{ method: 'insertUser', args: [row] }], `user.updated carries the whole document: the same row as for user.created.\n${lesson.exercise('5.3')}`);
      }),
    );
  });

  it('user.deleted calls softDeleteUser(user_id, the event\'s event_id, its parsed timestamp)', async () => {
    const document = buildUser();
    const deleted = userEvent(EventType.USER_DELETED, { user_id: document.user_id }, { timestamp: '2024-02-01T08:00:00.000002+01:00' });
    await consumer.expectDalCalls(
      deleted,
      [{ method: 'softDeleteUser', args: [document.user_id, deleted.event_id, '2024-02-01 07:00:00.000002'] }],
      'user.deleted names the user, the delete event and when it happened.',
    );
  });

  it('hands over microsecond timestamps in UTC, whatever the machine\'s time zone', async () => {
    await inEachTimeZone(async (zone) => {
      const document = buildUser({ created_at: '2024-03-10T01:59:59.999999-08:00', updated_at: '2024-11-03T01:30:00.000001-07:00' });
      const [call] = await consumer.deliver(userEvent(EventType.USER_CREATED, document, { timestamp: '2024-03-31T02:30:00.123456+05:30' }));
      expect(call?.args[0]).toEqualRow(
        { created_at: '2024-03-10 09:59:59.999999', updated_at: '2024-11-03 08:30:00.000001', event_timestamp: '2024-03-30 21:00:00.123456' },
        { columns: ['created_at', 'updated_at', 'event_timestamp'], partial: true, why: `DATETIME(6) values in UTC, with the machine in ${zone}.`, pointer: lesson.exercise('5.3') },
      );
    });
  });

  const sample: [EventType, EventEnvelope<object>][] = [
    [EventType.USER_CREATED, userEvent(EventType.USER_CREATED, buildUser())],
    [EventType.USER_UPDATED, userEvent(EventType.USER_UPDATED, buildUser({ version: 2 }) satisfies UserDocument)],
    [EventType.USER_DELETED, userEvent(EventType.USER_DELETED, { user_id: buildUser().user_id })],
  ];
  it.each(sample)('%s: when the DAL fails, the handler fails too (the framework then retries the event)', async (_type, event) => {
    await consumer.expectRejectsWhenDalFails(event);
  });
});
