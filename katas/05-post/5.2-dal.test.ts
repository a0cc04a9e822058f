/**
 * Exercise 5.2 (DAL): PostDAL against a real database, checked with generated posts: lists of
 * any Unicode in the JSON columns, full-precision doubles, view counts past INT's limit.
 * Each method is tested on its own: rows a test needs beforehand are inserted by the harness.
 * JSON columns are compared by meaning (harness/testing/json.ts): MySQL rewrites the text it
 * stores, MariaDB keeps it; the lists must come back the same, in the same order.
 * Run: npm test -- katas/05-post/5.2
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventId, objectId, sqlDateTime } from '../../harness/events/arbitraries.ts';
import { postRow, TELLING_RATES } from '../../harness/events/post.arbitraries.ts';
import { POST_COLUMNS, POST_JSON_COLUMNS, type PostRow } from '../../harness/events/post.ts';
import { assertReleasesOnFailure } from '../../harness/testing/connection-leaks.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import { withParsedJson } from '../../harness/testing/json.ts';
import { assertProperty } from '../../harness/testing/properties.ts';
import { assertSentAsParameters } from '../../harness/testing/statements.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { tables } from './tables.ts';
import { PostDAL } from './post-dal.ts';

const lesson = lessonFor('05-post');
const db = useKataDatabase({ kata: '05-post', tables: () => tables, requires: { tables: ['posts'], exercise: '5.1' } });
const dal = new PostDAL();
const placeholders = lesson.paragraph('Exercise 5.2', 'Placeholders, never pasted values');
const setOnce = lesson.paragraph('Exercise 5.2', 'Set once');

/** The rows of `posts` (one post's, or all); the pool returns JSON columns parsed. */
const selectPosts = (postId?: string) => db.select<Record<string, unknown>>('posts', POST_COLUMNS, postId === undefined ? {} : { post_id: postId });
/** A row as the table should hold it: its JSON text parsed, so that lists compare by meaning. */
const stored = (row: PostRow) => withParsedJson(row, POST_JSON_COLUMNS);
/** A statement that fails: the test makes the database refuse writes while the method runs. */
const whenItFails = (what: string, call: () => Promise<unknown>) =>
  db.whileWritesFail(() => assertReleasesOnFailure(db.pool, what, call, 'the test made the database refuse writes for a moment'));
/** One generated post (always the same), for the tests that need just one. */
const somePost = fc.sample(postRow(), { numRuns: 1, seed: 5 })[0]!;
/** How rows of `posts` are compared: column by column, in the table's order. */
const posts = (why: string, columns: readonly string[] = POST_COLUMNS, pointer = lesson.exercise('5.2')) => ({ columns, table: 'posts', why, pointer });

/** Two rows of the same post_id whose author and created_at differ (the columns an update must keep). */
const firstAndSecond = (): fc.Arbitrary<[PostRow, PostRow]> =>
  fc
    .tuple(postRow(), postRow())
    .filter(([first, later]) => first.author_id !== later.author_id && first.author_display_name !== later.author_display_name && first.created_at !== later.created_at)
    .map(([first, later]) => [first, { ...later, post_id: first.post_id }]);

describe('Exercise 5.2: PostDAL.insertPost', () => {
  it('stores all 26 columns as given: the lists in order, the rate to the last bit, views past INT', async () => {
    await assertProperty(
      fc.asyncProperty(postRow(), async (row) => {
        await db.reset();
        await dal.insertPost(row);
        expect(await selectPosts(row.post_id)).toEqualRows(
          [stored(row)],
          posts('SELECT after insertPost(row) should return exactly that row (JSON columns compared as lists); a value in the wrong column means the column list and the values are not in the same order.'),
        );
      }),
    );
  });

  it('gives back each telling engagement_rate bit for bit (0.0734, 1e-9, 0.30000000000000004, 1/3, 12.5)', async () => {
    await db.reset();
    for (const { rate, wrongTypes } of TELLING_RATES) {
      await dal.insertPost({ ...somePost, engagement_rate: rate });
      const [found] = await db.select<{ engagement_rate: unknown }>('posts', ['engagement_rate'], { post_id: somePost.post_id });
      expect(
        Object.is(found?.engagement_rate, rate),
        `insertPost stored engagement_rate ${rate} and it came back as ${String(found?.engagement_rate)}. Pass the number on as it is: no rounding, no toFixed(). ` +
          `(If your table's column is not a DOUBLE, fix exercise 5.1 first: for this value ${wrongTypes}.)\n${lesson.exercise('5.2')}`,
      ).toBe(true);
    }
  });

  it('is idempotent: the same upsert applied twice leaves one identical row', async () => {
    await assertProperty(
      fc.asyncProperty(postRow(), async (row) => {
        await db.reset();
        await dal.insertPost(row);
        await dal.insertPost(row);
        expect(await selectPosts(row.post_id)).toEqualRows([stored(row)], posts('Kafka may deliver an event twice; storing it twice must leave one row, unchanged.'));
      }),
    );
  });

  it('on a duplicate post_id, updates what a post can change and keeps author, created_at and a set published_at', async () => {
    await assertProperty(
      fc.asyncProperty(firstAndSecond(), async ([first, second]) => {
        await db.reset();
        await db.insert('posts', [first]);
        await dal.insertPost(second);
        expect(await selectPosts(first.post_id)).toEqualRows(
          [
            stored({
              ...second,
              author_id: first.author_id,
              author_display_name: first.author_display_name,
              created_at: first.created_at,
              published_at: first.published_at ?? second.published_at,
            }),
          ],
          posts(
            `With a row for this post_id already stored, insertPost(second) should leave second's values, except: author_id, author_display_name and ` +
              `created_at keep the stored ones (they never change), and published_at keeps the stored one unless it is NULL.`,
          ),
        );
      }),
    );
  });

  it.each(['author_id', 'author_display_name', 'created_at'] as const)('on a duplicate post_id, keeps the stored %s (it never changes)', async (column) => {
    await assertProperty(
      fc.asyncProperty(firstAndSecond(), async ([first, second]) => {
        await db.reset();
        await db.insert('posts', [first]);
        await dal.insertPost(second);
        const [found] = await selectPosts(first.post_id);
        expect(found).toEqualRow(
          { [column]: first[column] },
          {
            columns: [column],
            partial: true,
            why: `After insertPost() of an update, ${column} should still hold the stored value: leave it out of the ON DUPLICATE KEY UPDATE list.`,
            pointer: lesson.exercise('5.2'),
          },
        );
      }),
    );
  });

  const PUBLISHED: [story: string, storedValue: string | null, incoming: string | null, expected: string | null][] = [
    ['a draft (NULL) that gets published takes the new published_at', null, '2024-05-02 06:15:00.250000', '2024-05-02 06:15:00.250000'],
    ['a published post keeps its published_at when an update brings another one', '2024-05-02 06:15:00.250000', '2024-06-01 12:00:00.000000', '2024-05-02 06:15:00.250000'],
    ['a published post keeps its published_at when an update brings NULL', '2024-05-02 06:15:00.250000', null, '2024-05-02 06:15:00.250000'],
  ];
  it.each(PUBLISHED)('published_at is set once: %s', async (_story, storedValue, incoming, expected) => {
    const [first, later] = fc.sample(firstAndSecond(), { numRuns: 1, seed: 7 })[0]!;
    await db.reset();
    await db.insert('posts', [{ ...first, published_at: storedValue }]);
    await dal.insertPost({ ...later, published_at: incoming });
    const [found] = await selectPosts(first.post_id);
    expect(found).toEqualRow(
      { published_at: expected },
      {
        columns: ['published_at'],
        partial: true,
        why: `Stored published_at ${storedValue ?? 'NULL'}, then insertPost() with published_at ${incoming ?? 'NULL'}: the column should hold ${expected ?? 'NULL'}.`,
        pointer: setOnce,
      },
    );
  });

  it('sends all 26 values as ? parameters, never inside the SQL text', async () => {
    await assertProperty(
      fc.asyncProperty(postRow(), async (row) => {
        await db.reset();
        const { statements } = await db.sent(() => dal.insertPost(row));
        assertSentAsParameters('PostDAL.insertPost', statements, row, placeholders);
      }),
    );
  });

  it('fails when its statement fails, and gives its connection back', async () => {
    await whenItFails('PostDAL.insertPost', () => dal.insertPost(somePost));
  });
});

describe('Exercise 5.2: PostDAL.softDeletePost', () => {
  it('keeps the row, sets deleted_at to the server\'s NOW(6) and records the delete event', async () => {
    await assertProperty(
      fc.asyncProperty(postRow(), eventId(), sqlDateTime(), async (row, deleteEventId, deleteTimestamp) => {
        await db.reset();
        await db.insert('posts', [{ ...row, deleted_at: null }]);
        const before = await db.now();
        await dal.softDeletePost(row.post_id, deleteEventId, deleteTimestamp);
        const after = await db.now();
        const found = await selectPosts(row.post_id);
        expect(found, `A soft delete keeps the row: the data team still counts deleted posts in last month's figures.\n${lesson.exercise('5.2')}`).toHaveLength(1);
        const { deleted_at, ...rest } = found[0]!;
        expect(
          typeof deleted_at === 'string' && deleted_at >= before && deleted_at <= after,
          `deleted_at should be the server's NOW(6) at the time of the delete, between ${before} and ${after}; it is ${String(deleted_at)}.\n` +
            `(Not the event's timestamp: deleted_at says when this table learnt of the delete, as in kata 01.)\n${lesson.exercise('5.2')}`,
        ).toBe(true);
        expect(rest).toEqualRow(
          stored({ ...row, event_id: deleteEventId, event_timestamp: deleteTimestamp }),
          posts(`Only deleted_at, event_id and event_timestamp should change; event_id/event_timestamp take the delete event's values.`, POST_COLUMNS.filter((column) => column !== 'deleted_at')),
        );
      }),
    );
  });

  it('changes nothing for an unknown post_id', async () => {
    await assertProperty(
      fc.asyncProperty(postRow(), objectId(), eventId(), sqlDateTime(), async (row, unknownId, deleteEventId, deleteTimestamp) => {
        fc.pre(unknownId !== row.post_id);
        await db.reset();
        await db.insert('posts', [row]);
        await expect(dal.softDeletePost(unknownId, deleteEventId, deleteTimestamp)).resolves.toBeUndefined();
        expect(await selectPosts()).toEqualRows([stored(row)], posts('softDeletePost for a post_id that does not exist must not touch other rows, nor create one: the UPDATE changes only the row WHERE post_id = ? (without a WHERE, it changes every row).'));
      }),
    );
  });

  it('sends post_id, event_id and event_timestamp as ? parameters, never inside the SQL text', async () => {
    await assertProperty(
      fc.asyncProperty(postRow(), eventId(), sqlDateTime(), async (row, deleteEventId, deleteTimestamp) => {
        await db.reset();
        await db.insert('posts', [row]);
        const { statements } = await db.sent(() => dal.softDeletePost(row.post_id, deleteEventId, deleteTimestamp));
        assertSentAsParameters('PostDAL.softDeletePost', statements, { post_id: row.post_id, event_id: deleteEventId, event_timestamp: deleteTimestamp }, placeholders);
      }),
    );
  });

  it('fails when its statement fails, and gives its connection back', async () => {
    await whenItFails('PostDAL.softDeletePost', () => dal.softDeletePost(somePost.post_id, somePost.event_id, somePost.event_timestamp));
  });
});
