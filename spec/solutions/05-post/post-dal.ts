/** Reference solution, exercise 5.2. */
import { getPool } from '../../../harness/db/pool.ts';
import { POST_COLUMNS, type PostRow } from '../../../harness/events/post.ts';
import type { SqlDateTime } from '../../../harness/events/envelope.ts';

export type { PostRow };

const INSERT_POST = `
  INSERT INTO posts
    (post_id, author_id, author_display_name, body, language, visibility,
     media_json, hashtags_json, mentions_json,
     link_url, link_title, link_description, link_image_url, link_site_name,
     likes_count, comments_count, shares_count, views_count, engagement_rate,
     is_pinned, published_at, deleted_at, created_at, updated_at, event_id, event_timestamp)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON DUPLICATE KEY UPDATE
    body             = VALUES(body),
    language         = VALUES(language),
    visibility       = VALUES(visibility),
    media_json       = VALUES(media_json),
    hashtags_json    = VALUES(hashtags_json),
    mentions_json    = VALUES(mentions_json),
    link_url         = VALUES(link_url),
    link_title       = VALUES(link_title),
    link_description = VALUES(link_description),
    link_image_url   = VALUES(link_image_url),
    link_site_name   = VALUES(link_site_name),
    likes_count      = VALUES(likes_count),
    comments_count   = VALUES(comments_count),
    shares_count     = VALUES(shares_count),
    views_count      = VALUES(views_count),
    engagement_rate  = VALUES(engagement_rate),
    is_pinned        = VALUES(is_pinned),
    published_at     = COALESCE(published_at, VALUES(published_at)),
    deleted_at       = VALUES(deleted_at),
    updated_at       = VALUES(updated_at),
    event_id         = VALUES(event_id),
    event_timestamp  = VALUES(event_timestamp)`;

const SOFT_DELETE_POST = `
  UPDATE posts
     SET deleted_at = NOW(6), event_id = ?, event_timestamp = ?
   WHERE post_id = ?`;

export class PostDAL {
  async insertPost(post: PostRow): Promise<void> {
    // the values in the column list's order: the table's column order
    await getPool().execute(INSERT_POST, POST_COLUMNS.map((column) => post[column]));
  }

  async softDeletePost(postId: string, eventId: string, eventTimestamp: SqlDateTime): Promise<void> {
    await getPool().execute(SOFT_DELETE_POST, [eventId, eventTimestamp, postId]);
  }
}
