/**
 * Exercise 5.2 (DAL): UserDAL against a real database, checked with generated data (fast-check):
 * each property runs on many rows full of quotes, backslashes, emoji and microsecond timestamps.
 * A failing property prints the smallest row that breaks it, and a command that replays it.
 * Each method is tested on its own: rows a test needs beforehand are inserted by the harness.
 * Run: npm test -- katas/01-user/5.2
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { userRow } from '../../harness/events/user.arbitraries.ts';
import { USER_COLUMNS, type UserRow } from '../../harness/events/user.ts';
import { eventId, objectId, sqlDateTime } from '../../harness/events/arbitraries.ts';
import { assertReleasesOnFailure } from '../../harness/testing/connection-leaks.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import { assertProperty } from '../../harness/testing/properties.ts';
import { assertSentAsParameters } from '../../harness/testing/statements.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { tables } from './tables.ts';
import { UserDAL } from './user-dal.ts';

const lesson = lessonFor('01-user');
const db = useKataDatabase({ kata: '01-user', tables: () => tables, requires: { tables: ['users'], exercise: '5.1' } });
const dal = new UserDAL();
const placeholders = lesson.paragraph('Exercise 5.2', 'Placeholders, never pasted values');

const selectUsers = (userId: string) => db.select<UserRow>('users', USER_COLUMNS, { user_id: userId });
/** A statement that fails: the test makes the database refuse writes while the method runs. */
const whenItFails = (what: string, call: () => Promise<unknown>) =>
  db.whileWritesFail(() => assertReleasesOnFailure(db.pool, what, call, 'the test made the database refuse writes for a moment'));
/** One generated user (always the same), for the tests that need just one. */
const someUser = fc.sample(userRow(), { numRuns: 1, seed: 1 })[0]!;

/** How rows of `users` are compared: column by column, in the table's order. */
const users = (why: string, columns: readonly string[] = USER_COLUMNS) => ({ columns, table: 'users', why, pointer: lesson.exercise('5.2') });

describe('Exercise 5.2: UserDAL.insertUser', () => {
  it('stores all 12 columns exactly as given (quotes, backslashes, emoji, microseconds)', async () => {
    await assertProperty(
      fc.asyncProperty(userRow(), async (row) => {
        await db.reset();
        await dal.insertUser(row);
        expect(await selectUsers(row.user_id)).toEqualRows([row], users('SELECT after insertUser(row) should return exactly that row.'));
      }),
    );
  });

  it('is idempotent: the same upsert applied twice leaves one identical row', async () => {
    await assertProperty(
      fc.asyncProperty(userRow(), async (row) => {
        await db.reset();
        await dal.insertUser(row);
        await dal.insertUser(row);
        expect(await selectUsers(row.user_id)).toEqualRows([row], users('Kafka may deliver an event twice; storing it twice must leave one row, unchanged.'));
      }),
    );
  });

  it('on a duplicate user_id, updates every column except user_id and created_at', async () => {
    await assertProperty(
      fc.asyncProperty(userRow(), userRow(), async (first, later) => {
        const second = { ...later, user_id: first.user_id };
        await db.reset();
        await db.insert('users', [first]);
        await dal.insertUser(second);
        expect(await selectUsers(first.user_id)).toEqualRows(
          [{ ...second, created_at: first.created_at }],
          users(
            `With a row for this user_id already stored, insertUser(second) should leave second's values, ` +
              `except created_at, which keeps the stored one (a sign-up date never changes).`,
          ),
        );
      }),
    );
  });

  it('sends every value as a ? parameter, never inside the SQL text', async () => {
    await assertProperty(
      fc.asyncProperty(userRow(), async (row) => {
        await db.reset();
        const { statements } = await db.sent(() => dal.insertUser(row));
        assertSentAsParameters('UserDAL.insertUser', statements, row, placeholders);
      }),
    );
  });
  it('fails when its statement fails, and gives its connection back', async () => {
    await whenItFails('UserDAL.insertUser', () => dal.insertUser(someUser));
  });
});

describe('Exercise 5.2: UserDAL.softDeleteUser', () => {
  it('keeps the row, sets deleted_at to the server\'s NOW(6) and records the delete event', async () => {
    await assertProperty(
      fc.asyncProperty(userRow(), eventId(), sqlDateTime(), async (row, deleteEventId, deleteTimestamp) => {
        await db.reset();
        await db.insert('users', [{ ...row, deleted_at: null }]);
        const before = await db.now();
        await dal.softDeleteUser(row.user_id, deleteEventId, deleteTimestamp);
        const after = await db.now();
        const found = await selectUsers(row.user_id);
        expect(found, `A soft delete keeps the row: analytics still counts deleted users.\n${lesson.exercise('5.2')}`).toHaveLength(1);
        const { deleted_at, ...rest } = found[0]!;
        expect(
          deleted_at !== null && deleted_at >= before && deleted_at <= after,
          `deleted_at should be the server's NOW(6) at the time of the delete, between ${before} and ${after}; it is ${deleted_at}.\n` +
            `(Not the event's timestamp: deleted_at says when this table learnt of the delete.)\n${lesson.exercise('5.2')}`,
        ).toBe(true);
        expect(rest).toEqualRow(
          { ...row, event_id: deleteEventId, event_timestamp: deleteTimestamp },
          users(`Only deleted_at, event_id and event_timestamp should change; event_id/event_timestamp take the delete event's values.`, USER_COLUMNS.filter((column) => column !== 'deleted_at')),
        );
      }),
    );
  });

  it('changes nothing for an unknown user_id', async () => {
    await assertProperty(
      fc.asyncProperty(userRow(), objectId(), eventId(), sqlDateTime(), async (row, unknownId, deleteEventId, deleteTimestamp) => {
        fc.pre(unknownId !== row.user_id);
        await db.reset();
        await db.insert('users', [row]);
        await expect(dal.softDeleteUser(unknownId, deleteEventId, deleteTimestamp)).resolves.toBeUndefined();
        expect(await db.select<UserRow>('users', USER_COLUMNS)).toEqualRows([row], users('softDeleteUser for a user_id that does not exist must not touch other rows, nor create one: the UPDATE changes only the row WHERE user_id = ? (without a WHERE, it changes every row).'));
      }),
    );
  });

  it('sends user_id, event_id and event_timestamp as ? parameters, never inside the SQL text', async () => {
    await assertProperty(
      fc.asyncProperty(userRow(), eventId(), sqlDateTime(), async (row, deleteEventId, deleteTimestamp) => {
        await db.reset();
        await db.insert('users', [row]);
        const { statements } = await db.sent(() => dal.softDeleteUser(row.user_id, deleteEventId, deleteTimestamp));
        assertSentAsParameters('UserDAL.softDeleteUser', statements, { user_id: row.user_id, event_id: deleteEventId, event_timestamp: deleteTimestamp }, placeholders);
      }),
    );
  });

  it('fails when its statement fails, and gives its connection back', async () => {
    await whenItFails('UserDAL.softDeleteUser', () => dal.softDeleteUser(someUser.user_id, someUser.event_id, someUser.event_timestamp));
  });
});
