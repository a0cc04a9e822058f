/**
 * Exercise 5.3 (Consumer): PostConsumer's handlers, called the way the framework calls them,
 * with a recording DAL instead of PostDAL: this file judges what your handlers hand to the DAL.
 * The JSON columns are compared by meaning (the same lists, in the same order, whatever the
 * spacing of your JSON text). 5.3-consumer.e2e.test.ts runs the handlers for real, through
 * Kafka, into your table.
 * Run: npm test -- katas/05-post/5.3
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventType, type EventEnvelope } from '../../harness/events/contract.ts';
import { postEventCase, TELLING_RATES } from '../../harness/events/post.arbitraries.ts';
import { POST_COLUMNS, POST_JSON_COLUMNS, buildPost, postEvent, type PostDocument, type PostRow } from '../../harness/events/post.ts';
import { consumerUnderTest } from '../../harness/testing/consumer.ts';
import { withParsedJson } from '../../harness/testing/json.ts';
import { assertProperty } from '../../harness/testing/properties.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { PostConsumer } from './post-consumer.ts';
import type { PostDAL } from './post-dal.ts';

const lesson = lessonFor('05-post');
const flattening = lesson.section('4. The flattening map');
const consumer = consumerUnderTest({
  dal: {
    name: 'PostDAL',
    methods: {
      insertPost: [
        {
          name: 'post',
          columns: POST_COLUMNS,
          // the lists are NOT NULL: a post without media has an empty list
          whenMissing: Object.fromEntries(['media_json', 'hashtags_json', 'mentions_json'].map((column) => [column, "'[]', the JSON text of an empty list: the column is NOT NULL"])),
        },
      ],
      softDeletePost: [{ name: 'postId' }, { name: 'eventId' }, { name: 'eventTimestamp' }],
    },
  },
  create: (dal: PostDAL) => new PostConsumer(dal),
  handlerNames: {
    [EventType.POST_CREATED]: 'handlePostCreated',
    [EventType.POST_UPDATED]: 'handlePostUpdated',
    [EventType.POST_DELETED]: 'handlePostDeleted',
  },
  lessons: {
    exercise: lesson.exercise('5.3'),
    nulls: flattening,
    failures: lesson.paragraph('Exercise 5.3', 'Let failures through'),
    unboundThis: lesson.stubComment('post-consumer.ts', 'getHandlers()'),
  },
});

const HANDLER = { [EventType.POST_CREATED]: 'handlePostCreated', [EventType.POST_UPDATED]: 'handlePostUpdated' } as const;

/**
 * Delivers a post.created / post.updated event and returns the one row the handler handed to
 * insertPost, with its JSON text parsed (a value that is not JSON text fails here, saying so).
 */
async function postHandedOver(event: EventEnvelope<PostDocument>): Promise<Record<string, unknown>> {
  const calls = await consumer.deliver(event);
  const handler = HANDLER[event.event_type as keyof typeof HANDLER];
  expect(
    calls.map((call) => call.method),
    `${handler} should call this.dal.insertPost(post) once, with the whole row.\n${lesson.exercise('5.3')}`,
  ).toEqual(['insertPost']);
  return withParsedJson(calls[0]!.args[0] as Record<string, unknown>, POST_JSON_COLUMNS, lesson.paragraph('4. The flattening map', 'Lists become JSON text'));
}

/** The JSON columns whose text, once parsed, is a string that is JSON text again: JSON.stringify ran twice. */
function encodedTwice(found: Record<string, unknown>, expected: Record<string, unknown>): string[] {
  return POST_JSON_COLUMNS.filter((column) => {
    const value = found[column];
    if (typeof value !== 'string' || typeof expected[column] === 'string') return false;
    try {
      return typeof JSON.parse(value) === 'object';
    } catch {
      return false;
    }
  });
}

/** Checks the handed-over row against the expected one, column by column (all columns, or only `columns`). */
function expectRow(
  found: Record<string, unknown>,
  expected: Partial<Record<keyof PostRow, unknown>>,
  why: string,
  columns?: readonly (keyof PostRow)[],
  pointer = flattening,
): void {
  const parsedExpected = withParsedJson(expected, POST_JSON_COLUMNS);
  // a list encoded twice is there, whole: not the mistake the test's own words are about
  const twice = encodedTwice(found, parsedExpected).filter((column) => columns === undefined || (columns as readonly string[]).includes(column));
  const explained =
    twice.length > 0
      ? {
          why:
            `${twice.join(', ')} ${twice.length > 1 ? 'hold' : 'holds'} the JSON text of a string, not of the list: JSON.stringify ran twice ` +
            `(the text parses to a string such as "[]", which is JSON text again). Call JSON.stringify once, on the list itself.`,
          pointer: lesson.paragraph('4. The flattening map', 'Lists become JSON text'),
        }
      : { why, pointer };
  expect(found).toEqualRow(parsedExpected, { columns: columns ?? POST_COLUMNS, partial: columns !== undefined, ...explained });
}

const LISTS = ['media', 'hashtags', 'mentions'] as const;
const EMPTY_FORMS: [form: string, set: (document: PostDocument) => void][] = [
  ['missing', (d) => LISTS.forEach((list) => delete d[list])],
  ['null', (d) => LISTS.forEach((list) => (d[list] = null))],
  ['empty ([])', (d) => LISTS.forEach((list) => (d[list] = []))],
];

const LINK_PREVIEWS: [story: string, preview: PostDocument['link_preview'] | 'missing', columns: Partial<PostRow>][] = [
  ['missing', 'missing', { link_url: null, link_title: null, link_description: null, link_image_url: null, link_site_name: null }],
  ['null', null, { link_url: null, link_title: null, link_description: null, link_image_url: null, link_site_name: null }],
  [
    'partial (url and title only)',
    { url: 'https://example.com/a', title: 'A title' },
    { link_url: 'https://example.com/a', link_title: 'A title', link_description: null, link_image_url: null, link_site_name: null },
  ],
  [
    'partial (some fields null)',
    { url: 'https://example.com/b', title: null, description: 'Only a description', image_url: null },
    { link_url: 'https://example.com/b', link_title: null, link_description: 'Only a description', link_image_url: null, link_site_name: null },
  ],
  [
    'complete',
    { url: 'https://example.com/c', title: 'T', description: 'D', image_url: 'https://example.com/c.png', site_name: 'Example' },
    { link_url: 'https://example.com/c', link_title: 'T', link_description: 'D', link_image_url: 'https://example.com/c.png', link_site_name: 'Example' },
  ],
];
const LINK_COLUMNS = ['link_url', 'link_title', 'link_description', 'link_image_url', 'link_site_name'] as const;

describe('Exercise 5.3: PostConsumer handlers', () => {
  it('getHandlers() registers post.created, post.updated and post.deleted', () => {
    expect(Object.keys(new PostConsumer().getHandlers()).sort(), `The framework only delivers event types that getHandlers() lists.\n${lesson.exercise('5.3')}`).toEqual(
      [EventType.POST_CREATED, EventType.POST_DELETED, EventType.POST_UPDATED].sort(),
    );
  });

  it('post.created hands insertPost the whole post flattened into 26 columns, the lists as JSON text', async () => {
    await assertProperty(
      fc.asyncProperty(postEventCase(EventType.POST_CREATED), async ({ event, row }) => {
        expectRow(await postHandedOver(event), row, 'The row handed to insertPost for this post.created event, as section 4 maps it.');
      }),
    );
  });

  it.each(EMPTY_FORMS)('lists that are %s are handed over as \'[]\' (a post without media has an empty list, not NULL)', async (_form, set) => {
    const document = buildPost();
    set(document);
    expectRow(
      await postHandedOver(postEvent(EventType.POST_CREATED, document)),
      { media_json: '[]', hashtags_json: '[]', mentions_json: '[]' },
      'A list the document leaves out, or sends as null, is an empty list: JSON.stringify(data.media ?? []).',
      ['media_json', 'hashtags_json', 'mentions_json'],
      lesson.paragraph('4. The flattening map', 'A missing list is an empty list'),
    );
  });

  it('lists keep their entries and their order: quotes, backslashes, commas and emoji included', async () => {
    const hashtags = ['zebra', 'apple', 'say "cheese"', 'back\\slash', 'comma,inside', 'naïve', '☕', '🧑‍💻', 'apple'];
    const mentions = ["o'brien", 'ada', '@not-a-handle', '中文'];
    const media: PostDocument['media'] = [
      { type: 'video', url: 'https://cdn.example.com/v.mp4?a=1&b="2"', width: 1920, height: 1080, duration: 12.48, alt_text: 'He said "hi" 👋' },
      { type: 'image', url: 'https://cdn.example.com/i.jpg', width: 1, height: 1 },
    ];
    const document = buildPost({ hashtags, mentions, media });
    expectRow(
      await postHandedOver(postEvent(EventType.POST_CREATED, document)),
      { media_json: JSON.stringify(media), hashtags_json: JSON.stringify(hashtags), mentions_json: JSON.stringify(mentions) },
      'The lists as JSON text: the same entries, in the same order (a join(",") loses the entries that contain a comma, and is not JSON).',
      ['media_json', 'hashtags_json', 'mentions_json'],
    );
  });

  it.each(LINK_PREVIEWS)('a link preview that is %s is flattened into the five link_* columns, null where absent', async (_story, preview, columns) => {
    const document = buildPost();
    if (preview === 'missing') delete document.link_preview;
    else document.link_preview = preview;
    expectRow(
      await postHandedOver(postEvent(EventType.POST_CREATED, document)),
      columns,
      'The link preview is optional as a whole and field by field: data.link_preview?.url ?? null, and so on.',
      LINK_COLUMNS,
    );
  });

  it.each([
    [true, 1],
    [false, 0],
  ] as const)('pinned: %s is handed over as is_pinned = %s (MySQL\'s BOOLEAN is a TINYINT(1))', async (pinned, expected) => {
    expectRow(
      await postHandedOver(postEvent(EventType.POST_CREATED, buildPost({ pinned }))),
      { is_pinned: expected },
      'is_pinned holds 1 or 0, the values a BOOLEAN column gives back.',
      ['is_pinned'],
    );
  });

  it.each(TELLING_RATES.map(({ rate }) => rate))('engagement_rate %s is handed over exactly as it came (no rounding)', async (rate) => {
    const document = buildPost();
    document.stats = { ...document.stats, engagement_rate: rate };
    expectRow(
      await postHandedOver(postEvent(EventType.POST_CREATED, document)),
      { engagement_rate: rate },
      'engagement_rate is a double: pass data.stats.engagement_rate on as it is (no toFixed, no Math.round).',
      ['engagement_rate'],
    );
  });

  it('post.updated hands insertPost the whole updated document (the same upsert as created)', async () => {
    await assertProperty(
      fc.asyncProperty(postEventCase(EventType.POST_UPDATED), async ({ event, row }) => {
        expectRow(await postHandedOver(event), row, 'post.updated carries the whole document: the same row as for post.created (the DAL decides what an update may change).');
      }),
    );
  });

  it('post.deleted calls softDeletePost(post_id, event_id, event timestamp in UTC)', async () => {
    const deleted = buildPost();
    const event = postEvent(EventType.POST_DELETED, { post_id: deleted.post_id }, { timestamp: '2024-05-03T09:30:00.123456+02:00' });
    await consumer.expectDalCalls(
      event,
      [{ method: 'softDeletePost', args: [deleted.post_id, event.event_id, '2024-05-03 07:30:00.123456'] }],
      'post.deleted is a soft delete of that post, recording the delete event (as in kata 01).',
    );
  });

  const sample: [EventType, EventEnvelope<object>][] = [
    [EventType.POST_CREATED, postEvent(EventType.POST_CREATED, buildPost())],
    [EventType.POST_UPDATED, postEvent(EventType.POST_UPDATED, buildPost())],
    [EventType.POST_DELETED, postEvent(EventType.POST_DELETED, { post_id: buildPost().post_id })],
  ];
  it.each(sample)('%s: when the DAL fails, the handler fails too (the framework then retries the event)', async (_type, event) => {
    await consumer.expectRejectsWhenDalFails(event);
  });
});
