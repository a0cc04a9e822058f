/**
 * Exercise 5.3 (Consumer): turns post events into rows of `posts`, through PostDAL.
 *
 * New here: three lists (media, hashtags, mentions) that go into JSON columns as JSON text
 * (JSON.stringify), where a missing list is stored as an empty one, '[]'; an optional
 * link_preview flattened into five nullable link_* columns; a boolean stored as 1 or 0. The full
 * flattening map is in katas/05-post/README.md, "4. The flattening map".
 *
 * Check yourself with: npm test -- katas/05-post/5.3
 */
import { EventType, type EventEnvelope, type HandlerMap } from '../../harness/events/contract.ts';
import type { SqlDateTime } from '../../harness/events/envelope.ts';
import type { PostDeletedData, PostDocument } from '../../harness/events/post.ts';
import { notImplemented } from '../../harness/not-started.ts';
import { UserConsumer } from '../01-user/user-consumer.ts';
import { PostDAL } from './post-dal.ts';

/** Your timestamp parser from kata 01 (exercise 5.3), reused rather than written twice. */
const kata01 = new UserConsumer();

export class PostConsumer {
  private readonly dal: PostDAL;

  constructor(dal: PostDAL = new PostDAL()) {
    this.dal = dal;
  }

  /** Already done: ISO 8601 text -> 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC, with your kata 01 parser. */
  parseTimestamp(value: string): SqlDateTime;
  parseTimestamp(value: string | null | undefined): SqlDateTime | null;
  parseTimestamp(value: string | null | undefined): SqlDateTime | null {
    return kata01.parseTimestamp(value);
  }

  /**
   * Handles post.created: builds one PostRow (26 fields) and calls this.dal.insertPost().
   * Where each column comes from:
   *
   *   post_id              <- event.entity_id
   *   author_id            <- data.author.user_id
   *   author_display_name  <- data.author.display_name                   (may be missing)
   *   body                 <- data.text
   *   language             <- data.language                              (may be missing)
   *   visibility           <- data.visibility
   *   media_json           <- JSON.stringify(data.media)                 (missing or null: '[]')
   *   hashtags_json        <- JSON.stringify(data.hashtags)              (missing or null: '[]')
   *   mentions_json        <- JSON.stringify(data.mentions)              (missing or null: '[]')
   *   link_url             <- data.link_preview.url                      (link_preview may be missing)
   *   link_title           <- data.link_preview.title
   *   link_description     <- data.link_preview.description
   *   link_image_url       <- data.link_preview.image_url
   *   link_site_name       <- data.link_preview.site_name
   *   likes_count          <- data.stats.likes
   *   comments_count       <- data.stats.comments
   *   shares_count         <- data.stats.shares
   *   views_count          <- data.stats.views
   *   engagement_rate      <- data.stats.engagement_rate                 (as is: no rounding)
   *   is_pinned            <- data.pinned                                (true -> 1, false -> 0; why not true/false
   *                                                                        as in kata 04: README, section 3, BOOLEAN)
   *   published_at, deleted_at <- data.published_at, data.deleted_at     (parseTimestamp; null stays null)
   *   created_at, updated_at   <- data.created_at, data.updated_at       (parseTimestamp)
   *   event_id             <- event.event_id
   *   event_timestamp      <- event.timestamp                            (parseTimestamp)
   *
   * When the DAL fails, let the error propagate (no try/catch that only logs): the framework
   * then retries the event and, in the end, dead-letters it instead of losing it.
   */
  async handlePostCreated(event: EventEnvelope<PostDocument>): Promise<void> {
    throw notImplemented('05-post', '5.3', 'PostConsumer.handlePostCreated');
  }

  /** Handles post.updated: the whole document again, so the same upsert as created. */
  async handlePostUpdated(event: EventEnvelope<PostDocument>): Promise<void> {
    throw notImplemented('05-post', '5.3', 'PostConsumer.handlePostUpdated');
  }

  /**
   * Handles post.deleted: calls this.dal.softDeletePost(postId, event.event_id, parsed event.timestamp).
   *   postId <- event.data.post_id, or event.entity_id (they are the same)
   */
  async handlePostDeleted(event: EventEnvelope<PostDeletedData>): Promise<void> {
    throw notImplemented('05-post', '5.3', 'PostConsumer.handlePostDeleted');
  }

  /**
   * Maps EventType.POST_CREATED, POST_UPDATED and POST_DELETED to the handlers above.
   * (As in kata 01: the framework calls each handler as a plain function, without its object:
   * make sure `this` still works inside it.)
   */
  getHandlers(): HandlerMap {
    throw notImplemented('05-post', '5.3', 'PostConsumer.getHandlers');
  }
}
