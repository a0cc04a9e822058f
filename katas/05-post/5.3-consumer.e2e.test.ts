/**
 * Exercise 5.3, end to end: post events through Kafka, the framework and your code into MySQL.
 * Run: npm test -- katas/05-post/5.3
 */
import { describe, expect, it } from 'vitest';
import { EventType, Topic } from '../../harness/events/contract.ts';
import { POST_COLUMNS, buildPost, postEvent } from '../../harness/events/post.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import { useEventPipeline } from '../../harness/testing/pipeline.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { tables } from './tables.ts';
import { PostConsumer } from './post-consumer.ts';

const lesson = lessonFor('05-post');
const db = useKataDatabase({ kata: '05-post', tables: () => tables, requires: { tables: ['posts'], exercise: '5.1' } });
const pipeline = useEventPipeline({ handlers: () => new PostConsumer().getHandlers(), topics: [Topic.POSTS] });

describe('Exercise 5.3 end to end: Kafka -> consumer -> MySQL', () => {
  it('a draft post published, edited, then deleted: the lists, the rate and the kept columns land as the lesson says', async () => {
    const draft = buildPost({ published_at: null, hashtags: ['coffee', 'say "hi"', '☕'], link_preview: null });
    delete draft.media;
    const published = {
      ...draft,
      author: { user_id: 'ffffffffffffffffffffffff', display_name: 'Someone Else' },
      text: 'Cold brew, now with oat milk 🥛',
      media: [{ type: 'image' as const, url: 'https://cdn.example.com/p/oat.jpg', width: 1080, height: 1080, alt_text: null }],
      link_preview: { url: 'https://harbor-roasters.example/oat', title: 'Oat cold brew' },
      stats: { likes: 9, comments: 1, shares: 0, views: 3_000_000_000, engagement_rate: 0.1 + 0.2 },
      published_at: '2024-05-02T10:00:00.000001+02:00',
      created_at: '2024-06-01T00:00:00.000000+00:00',
      updated_at: '2024-05-02T10:00:00.000001+02:00',
    };
    const edited = { ...published, text: 'Cold brew, now with oat milk 🥛 (edited)', published_at: '2024-05-09T10:00:00+00:00', updated_at: '2024-05-03T08:00:00.5+00:00' };
    const select = () => db.select<Record<string, unknown>>('posts', POST_COLUMNS, { post_id: draft.post_id });
    const id = draft.post_id;
    /** Compares the columns named in `expected`, in the table's column order. */
    const expectPost = async (expected: Record<string, unknown>, why: string, pointer = lesson.exercise('5.3')) =>
      expect(await select()).toEqualRows([{ post_id: id, ...expected }], {
        columns: POST_COLUMNS.filter((column) => column === 'post_id' || column in expected),
        table: 'posts',
        partial: true,
        why,
        pointer,
      });

    await pipeline.deliver(postEvent(EventType.POST_CREATED, draft));
    await expectPost(
      {
        author_id: '65a1f0c2e4b0a1b2c3d4e5f6',
        media_json: [],
        hashtags_json: ['coffee', 'say "hi"', '☕'],
        link_url: null,
        engagement_rate: 0.0734,
        is_pinned: 0,
        published_at: null,
        created_at: '2024-05-02 06:00:00.000001',
      },
      'After post.created went through Kafka, SELECT should find the draft: no media is [], the hashtags a list, no link preview NULLs.',
    );

    await pipeline.deliver(postEvent(EventType.POST_UPDATED, published));
    await expectPost(
      {
        author_id: '65a1f0c2e4b0a1b2c3d4e5f6',
        author_display_name: 'Ada Lovelace',
        body: 'Cold brew, now with oat milk 🥛',
        media_json: [{ type: 'image', url: 'https://cdn.example.com/p/oat.jpg', width: 1080, height: 1080, alt_text: null }],
        link_url: 'https://harbor-roasters.example/oat',
        link_site_name: null,
        views_count: 3_000_000_000,
        engagement_rate: 0.30000000000000004,
        published_at: '2024-05-02 08:00:00.000001',
        created_at: '2024-05-02 06:00:00.000001',
      },
      'After post.updated (published): the new text, lists and stats; the author and created_at of the first event.',
    );

    await pipeline.deliver(postEvent(EventType.POST_UPDATED, edited));
    await expectPost(
      { body: 'Cold brew, now with oat milk 🥛 (edited)', published_at: '2024-05-02 08:00:00.000001', updated_at: '2024-05-03 08:00:00.500000' },
      'After a second post.updated: the edit lands, and published_at stays the first one (set once, by the DAL\'s upsert).',
      lesson.paragraph('Exercise 5.2', 'Set once'),
    );

    const deletion = postEvent(EventType.POST_DELETED, { post_id: id });
    await pipeline.deliver(deletion);
    await expectPost({ event_id: deletion.event_id, body: 'Cold brew, now with oat milk 🥛 (edited)' }, 'After post.deleted the row stays (a soft delete), with the delete event recorded.');
    const [deleted] = await select();
    expect(typeof deleted?.deleted_at, `After post.deleted, deleted_at should be set: a soft delete keeps the row and marks it.\n${lesson.exercise("5.3")}`).toBe("string");
    expect(pipeline.log.filter((line) => line.includes(draft.post_id)), 'the consumer logs one line per event').toHaveLength(4);
  });
});
