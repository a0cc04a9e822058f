/** Reference solution, exercise 5.3. */
import { EventType, type EventEnvelope, type HandlerMap } from '../../../harness/events/contract.ts';
import type { SqlDateTime } from '../../../harness/events/envelope.ts';
import type { PostDeletedData, PostDocument } from '../../../harness/events/post.ts';
import { UserConsumer } from '../01-user/user-consumer.ts';
import { PostDAL } from './post-dal.ts';

const kata01 = new UserConsumer();

export class PostConsumer {
  private readonly dal: PostDAL;

  constructor(dal: PostDAL = new PostDAL()) {
    this.dal = dal;
  }

  parseTimestamp(value: string): SqlDateTime;
  parseTimestamp(value: string | null | undefined): SqlDateTime | null;
  parseTimestamp(value: string | null | undefined): SqlDateTime | null {
    return kata01.parseTimestamp(value);
  }

  async handlePostCreated(event: EventEnvelope<PostDocument>): Promise<void> {
    const { author, stats, link_preview: link } = event.data;
    await this.dal.insertPost({
      post_id: event.entity_id,
      author_id: author.user_id,
      author_display_name: author.display_name ?? null,
      body: event.data.text,
      language: event.data.language ?? null,
      visibility: event.data.visibility,
      // a missing list is an empty one: '[]', never NULL
      media_json: JSON.stringify(event.data.media ?? []),
      hashtags_json: JSON.stringify(event.data.hashtags ?? []),
      mentions_json: JSON.stringify(event.data.mentions ?? []),
      link_url: link?.url ?? null,
      link_title: link?.title ?? null,
      link_description: link?.description ?? null,
      link_image_url: link?.image_url ?? null,
      link_site_name: link?.site_name ?? null,
      likes_count: stats.likes,
      comments_count: stats.comments,
      shares_count: stats.shares,
      views_count: stats.views,
      engagement_rate: stats.engagement_rate,
      is_pinned: event.data.pinned ? 1 : 0,
      published_at: this.parseTimestamp(event.data.published_at),
      deleted_at: this.parseTimestamp(event.data.deleted_at),
      created_at: this.parseTimestamp(event.data.created_at),
      updated_at: this.parseTimestamp(event.data.updated_at),
      event_id: event.event_id,
      event_timestamp: this.parseTimestamp(event.timestamp),
    });
  }

  async handlePostUpdated(event: EventEnvelope<PostDocument>): Promise<void> {
    await this.handlePostCreated(event);
  }

  async handlePostDeleted(event: EventEnvelope<PostDeletedData>): Promise<void> {
    await this.dal.softDeletePost(event.data.post_id ?? event.entity_id, event.event_id, this.parseTimestamp(event.timestamp));
  }

  getHandlers(): HandlerMap {
    return {
      [EventType.POST_CREATED]: (event) => this.handlePostCreated(event),
      [EventType.POST_UPDATED]: (event) => this.handlePostUpdated(event),
      [EventType.POST_DELETED]: (event) => this.handlePostDeleted(event),
    };
  }
}
