/**
 * Exercise 5.3, end to end: events published to Kafka, consumed by the real framework with your
 * handlers, stored by your DAL in your table, checked with SELECT. This is the course's
 * trigger -> logs -> query loop, automated.
 * Run: npm test -- katas/01-user/5.3
 */
import { describe, expect, it } from 'vitest';
import { EventType, Topic } from '../../harness/events/contract.ts';
import { USER_COLUMNS, buildUser, userEvent, type UserRow } from '../../harness/events/user.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import { useEventPipeline } from '../../harness/testing/pipeline.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { tables } from './tables.ts';
import { UserConsumer } from './user-consumer.ts';

const lesson = lessonFor('01-user');
const db = useKataDatabase({ kata: '01-user', tables: () => tables, requires: { tables: ['users'], exercise: '5.1' } });
const pipeline = useEventPipeline({ handlers: () => new UserConsumer().getHandlers(), topics: [Topic.USERS] });

describe('Exercise 5.3 end to end: Kafka -> consumer -> MySQL', () => {
  it('a user\'s life (created, updated, deleted) published to Kafka ends as one soft-deleted row with the latest values', async () => {
    const created = buildUser({ created_at: '2024-01-15T10:30:00.123456Z', updated_at: '2024-01-15T10:30:00.123456Z' });
    const updated = { ...created, version: 2, profile: { ...created.profile, bio: 'Now with a longer bio ✍️' }, updated_at: '2024-02-01T09:00:00.000001+01:00' };

    await pipeline.deliver(userEvent(EventType.USER_CREATED, created));
    const [afterCreate] = await db.select<UserRow>('users', USER_COLUMNS, { user_id: created.user_id });
    expect(afterCreate).toEqualRow(
      { email: created.contact_info.primary_email, version: 1, deleted_at: null, created_at: '2024-01-15 10:30:00.123456' },
      { columns: ['email', 'version', 'deleted_at', 'created_at'], partial: true, why: 'After user.created went through Kafka, SELECT should find the user.', pointer: lesson.exercise('5.3') },
    );

    await pipeline.deliver(userEvent(EventType.USER_UPDATED, updated));
    const deleteEvent = userEvent(EventType.USER_DELETED, { user_id: created.user_id });
    await pipeline.deliver(deleteEvent);

    const rows = await db.select<UserRow>('users', USER_COLUMNS, { user_id: created.user_id });
    expect(rows, `One user, one row, whatever happened to it.\n${lesson.exercise('5.3')}`).toHaveLength(1);
    expect(rows[0]).toEqualRow(
      { bio: 'Now with a longer bio ✍️', version: 2, created_at: '2024-01-15 10:30:00.123456', updated_at: '2024-02-01 08:00:00.000001', event_id: deleteEvent.event_id },
      { columns: ['bio', 'version', 'created_at', 'updated_at', 'event_id'], partial: true, why: 'The row after created -> updated -> deleted.', pointer: lesson.exercise('5.3') },
    );
    expect(rows[0]!.deleted_at, `user.deleted sets deleted_at.\n${lesson.exercise('5.3')}`).not.toBeNull();
    expect(pipeline.log.filter((line) => line.includes(created.user_id)), 'the consumer logs one line per event').toHaveLength(3);
  });

  it('a user.created whose created_at does not exist (February 30th) is dead-lettered with the reason, and no row is stored', async () => {
    const impossible = buildUser({ created_at: '2024-02-30T10:00:00Z' });
    let outcome = 'stored';
    try {
      await pipeline.deliver(userEvent(EventType.USER_CREATED, impossible));
    } catch (error) {
      outcome = (error as Error).message;
    }
    expect(
      outcome,
      `parseTimestamp must throw on 2024-02-30 (it does not exist): the framework then dead-letters the event with your message as its reason.\n` +
        lesson.paragraph('Exercise 5.3', 'Refuse what does not exist'),
    ).toMatch(/2024-02-30/);
    expect(await db.select<UserRow>('users', ['user_id'], { user_id: impossible.user_id }), 'a dead-lettered event stores nothing').toEqual([]);
  });
});
