/**
 * Exercise 5.2 (DAL): UserDAL against a real database, checked with generated data (fast-check):
 * each property runs on many rows full of quotes, backslashes, emoji and microsecond timestamps.
 * A failing property prints the smallest row that breaks it, and a seed to replay it.
 * Run: npm test -- katas/01-user/5.2
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { userRow } from '../../harness/events/user.arbitraries.ts';
import { USER_COLUMNS, type UserRow } from '../../harness/events/user.ts';
import { eventId, objectId, sqlDateTime } from '../../harness/events/arbitraries.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import { assertProperty } from '../../harness/testing/properties.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { tables } from './tables.ts';
import { UserDAL } from './user-dal.ts';

const lesson = lessonFor('01-user');
const db = useKataDatabase({ kata: '01-user', tables: () => tables, requires: { tables: ['users'], exercise: '5.1' } });
const dal = new UserDAL();

const selectUsers = (userId: string) => db.select<UserRow>('users', USER_COLUMNS, { user_id: userId });

describe('Exercise 5.2: UserDAL.insertUser', () => {
  it('stores all 12 columns exactly as given (quotes, backslashes, emoji, microseconds)', async () => {
    await assertProperty(
      fc.asyncProperty(userRow(), async (row) => {
        await db.reset();
        await dal.insertUser(row);
        expect(await selectUsers(row.user_id), `SELECT after insertUser(row) should return exactly that row.\n${lesson.exercise('5.2')}`).toEqual([row]);
      }),
    );
  });

  it('is idempotent: the same upsert applied twice leaves one identical row', async () => {
    await assertProperty(
      fc.asyncProperty(userRow(), async (row) => {
        await db.reset();
        await dal.insertUser(row);
        await dal.insertUser(row);
        expect(await selectUsers(row.user_id), `Kafka may deliver an event twice; storing it twice must leave one row.\n${lesson.exercise('5.2')}`).toEqual([row]);
      }),
    );
  });

  it('on a duplicate user_id, updates every column except user_id and created_at', async () => {
    await assertProperty(
      fc.asyncProperty(userRow(), userRow(), async (first, later) => {
        const second = { ...later, user_id: first.user_id };
        await db.reset();
        await dal.insertUser(first);
        await dal.insertUser(second);
        expect(
          await selectUsers(first.user_id),
          `After insertUser(first) then insertUser(second) with the same user_id, the row should hold second's values, ` +
            `except created_at, which keeps first's (a sign-up date never changes).\n${lesson.exercise('5.2')}`,
        ).toEqual([{ ...second, created_at: first.created_at }]);
      }),
    );
  });
});

describe('Exercise 5.2: UserDAL.softDeleteUser', () => {
  it('keeps the row, sets deleted_at to the server\'s NOW(6) and records the delete event', async () => {
    await assertProperty(
      fc.asyncProperty(userRow(), eventId(), sqlDateTime(), async (row, deleteEventId, deleteTimestamp) => {
        await db.reset();
        await dal.insertUser({ ...row, deleted_at: null });
        const before = await db.now();
        await dal.softDeleteUser(row.user_id, deleteEventId, deleteTimestamp);
        const after = await db.now();
        const found = await selectUsers(row.user_id);
        expect(found, `A soft delete keeps the row: analytics still counts deleted users.\n${lesson.exercise('5.2')}`).toHaveLength(1);
        const { deleted_at, ...rest } = found[0]!;
        expect(
          deleted_at !== null && deleted_at >= before && deleted_at <= after,
          `deleted_at should be the server's NOW(6) at the time of the delete, between ${before} and ${after}; it is ${deleted_at}.\n${lesson.exercise('5.2')}`,
        ).toBe(true);
        const { deleted_at: _ignored, ...original } = row;
        expect(
          rest,
          `Only deleted_at, event_id and event_timestamp should change; event_id/event_timestamp take the delete event's values.\n${lesson.exercise('5.2')}`,
        ).toEqual({ ...original, event_id: deleteEventId, event_timestamp: deleteTimestamp });
      }),
    );
  });

  it('changes nothing for an unknown user_id', async () => {
    await assertProperty(
      fc.asyncProperty(userRow(), objectId(), eventId(), sqlDateTime(), async (row, unknownId, deleteEventId, deleteTimestamp) => {
        fc.pre(unknownId !== row.user_id);
        await db.reset();
        await dal.insertUser(row);
        await expect(dal.softDeleteUser(unknownId, deleteEventId, deleteTimestamp)).resolves.toBeUndefined();
        const all = await db.select<UserRow>('users', USER_COLUMNS);
        expect(all, `softDeleteUser for a user_id that does not exist must not touch other rows, nor create one.\n${lesson.exercise('5.2')}`).toEqual([row]);
      }),
    );
  });
});
