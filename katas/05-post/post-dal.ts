/**
 * Exercise 5.2 (DAL): the data-access layer of the `posts` table.
 *
 * Same tools as before: getPool().execute(sql, values) with one ? per value, never values pasted
 * into the SQL text. New here: an upsert that updates only SOME columns on a duplicate (what a
 * post can change), and one that keeps published_at once it is set. The JSON columns arrive as
 * JSON text already (the consumer serialises them): pass them on like any other string.
 *
 * Check yourself with: npm test -- katas/05-post/5.2
 */
import { getPool } from '../../harness/db/pool.ts';
import type { SqlDateTime } from '../../harness/events/envelope.ts';
import type { PostRow } from '../../harness/events/post.ts';
import { notImplemented } from '../../harness/not-started.ts';

export type { PostRow };

export class PostDAL {
  /**
   * Inserts the post, or updates it when a row with this post_id already exists.
   *
   * SQL pattern: INSERT INTO posts (...26 columns...) VALUES (?, ... 26 ...) ON DUPLICATE KEY UPDATE ...
   *  - insert all 26 columns of `post`, in the table's column order;
   *  - on a duplicate post_id, update what a post can change: body, language, visibility, the
   *    three JSON lists, the five link_* columns, the five counters, is_pinned, deleted_at,
   *    updated_at, event_id, event_timestamp, each with `column = VALUES(column)`;
   *  - keep what it cannot: post_id, author_id, author_display_name, created_at (leave them out
   *    of the UPDATE list);
   *  - published_at is set once: keep the stored value when there is one, otherwise take the
   *    new one (README, "Exercise 5.2", the paragraph "Set once").
   * The other columns take what the event brings: a late copy of an older event rolls them
   * back (README, exercise 5.2, "Replays roll a row back").
   */
  async insertPost(post: PostRow): Promise<void> {
    throw notImplemented('05-post', '5.2', 'PostDAL.insertPost');
  }

  /**
   * Marks the post deleted, keeping the row (a soft delete, as in kata 01).
   *
   * SQL pattern: UPDATE posts SET deleted_at = NOW(6), event_id = ?, event_timestamp = ? WHERE post_id = ?
   *  - an unknown post_id changes nothing and is not an error;
   *  - a redelivered delete sets deleted_at again (README, exercise 5.2, "Replays roll a row back").
   */
  async softDeletePost(postId: string, eventId: string, eventTimestamp: SqlDateTime): Promise<void> {
    throw notImplemented('05-post', '5.2', 'PostDAL.softDeletePost');
  }
}
