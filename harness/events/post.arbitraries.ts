/**
 * fast-check arbitraries for the Post domain. Each generated event comes with the row a correct
 * consumer hands to PostDAL.insertPost. Lists may be missing, null, empty or long, and hold any
 * Unicode (quotes, backslashes, emoji); the link preview may be missing, null or have any field
 * missing; engagement rates are full-precision doubles that FLOAT or DECIMAL(5,4) would change.
 */
import fc from 'fast-check';
import { EventType } from './contract.ts';
import { wrapEvent, type EventEnvelope } from './envelope.ts';
import { assemble, eventId, nested, nullable, objectId, optional, put, sqlDateTime, text, timestamp, type OptionalField } from './arbitraries.ts';
import type { MediaItem, PostDocument, PostRow } from './post.ts';

/** Column sizes of `posts` (in characters), shared by the generators so every value fits its column. */
export const POST_LIMITS = {
  author_display_name: 100, language: 35, visibility: 20,
  link_url: 2048, link_title: 300, link_description: 1000, link_image_url: 2048, link_site_name: 100,
} as const;

/** How long the generated texts get: a post's text (TEXT) and one list entry inside a JSON column. */
const BODY_LENGTH = 2000;
const ENTRY_LENGTH = 100;

/** The largest INT, and what `views_count` must hold beyond it (a BIGINT, up to 2^53 - 1 in JavaScript). */
export const INT_MAX = 2_147_483_647;

/**
 * Rates that a FLOAT or a DECIMAL(5,4) column changes and a DOUBLE keeps, each with what the wrong
 * types make of it. A FLOAT keeps about 7 significant digits (and a SELECT shows 6 of them); a
 * DECIMAL(5,4) keeps 4 decimals, up to 9.9999. The generators mix these in.
 */
export const TELLING_RATES: readonly { rate: number; wrongTypes: string }[] = [
  { rate: 0.0734, wrongTypes: 'a FLOAT stores 0.07339999824762344 (a SELECT shows 0.0734, a calculation uses the rest)' },
  { rate: 1e-9, wrongTypes: 'a DECIMAL(5,4) stores 0.0000' },
  { rate: 0.1 + 0.2, wrongTypes: 'a FLOAT gives back 0.3, a DECIMAL(5,4) 0.3000' },
  { rate: 1 / 3, wrongTypes: 'a FLOAT gives back 0.333333, a DECIMAL(5,4) 0.3333' },
  { rate: 12.5, wrongTypes: 'a DECIMAL(5,4) refuses it: its largest value is 9.9999' },
];

/** An engagement rate: mostly any double from 0 to 1000 at full precision, sometimes one of TELLING_RATES. */
export const engagementRate = (): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom(0, ...TELLING_RATES.map((telling) => telling.rate)) },
    {
      weight: 4,
      // no subnormals: below 2.2e-308 a double loses precision of its own, on any server
      arbitrary: fc.double({ min: 0, max: 1000, noNaN: true }).filter((rate) => rate === 0 || rate >= 2.2250738585072014e-308),
    },
  );

const counter = () => fc.integer({ min: 0, max: INT_MAX });
/** Often past INT's limit: a column too small for views is found. */
const views = () => fc.oneof(counter(), fc.integer({ min: INT_MAX + 1, max: Number.MAX_SAFE_INTEGER }));
const visibility = () => fc.constantFrom('public', 'followers', 'private');

/** Seconds to the millisecond, so that every server prints the number back unchanged. */
const duration = () => fc.integer({ min: 1, max: 36_000_000 }).map((millis) => millis / 1000);

/** One media item; duration and alt_text may be missing, null or present. */
export const mediaItem = (): fc.Arbitrary<MediaItem> =>
  fc
    .record({
      type: fc.constantFrom('image' as const, 'video' as const, 'gif' as const),
      url: text(500, 1),
      width: fc.integer({ min: 1, max: 10_000 }),
      height: fc.integer({ min: 1, max: 10_000 }),
      duration: optional(duration()),
      alt_text: optional(text(300)),
    })
    .map(({ duration, alt_text, ...item }) => {
      const media: Record<string, unknown> = { ...item };
      put(media, 'duration', duration);
      put(media, 'alt_text', alt_text);
      return media as MediaItem;
    });

const media = () => fc.array(mediaItem(), { maxLength: 4 });
/** Hashtags and mentions: any text, repeated entries included (the order and the repeats are the author's). */
const words = () => fc.array(text(ENTRY_LENGTH), { maxLength: 6 });

/** A row as PostDAL.insertPost receives it. */
export const postRow = (): fc.Arbitrary<PostRow> =>
  fc.record({
    post_id: objectId(),
    author_id: objectId(),
    author_display_name: nullable(text(POST_LIMITS.author_display_name)),
    body: text(BODY_LENGTH),
    language: nullable(text(POST_LIMITS.language)),
    visibility: visibility(),
    media_json: media().map((list) => JSON.stringify(list)),
    hashtags_json: words().map((list) => JSON.stringify(list)),
    mentions_json: words().map((list) => JSON.stringify(list)),
    link_url: nullable(text(POST_LIMITS.link_url)),
    link_title: nullable(text(POST_LIMITS.link_title)),
    link_description: nullable(text(POST_LIMITS.link_description)),
    link_image_url: nullable(text(POST_LIMITS.link_image_url)),
    link_site_name: nullable(text(POST_LIMITS.link_site_name)),
    likes_count: counter(),
    comments_count: counter(),
    shares_count: counter(),
    views_count: views(),
    engagement_rate: engagementRate(),
    is_pinned: fc.constantFrom(0 as const, 1 as const),
    published_at: nullable(sqlDateTime()),
    deleted_at: nullable(sqlDateTime()),
    created_at: sqlDateTime(),
    updated_at: sqlDateTime(),
    event_id: eventId(),
    event_timestamp: sqlDateTime(),
  });

/** A list field of the document: missing, null, empty, or with entries. */
type GeneratedList<T> = { kind: 'missing' } | { kind: 'null' } | { kind: 'list'; value: T[] };

const list = <T>(entries: fc.Arbitrary<T[]>): fc.Arbitrary<GeneratedList<T>> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant({ kind: 'missing' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'null' as const }) },
    { weight: 4, arbitrary: entries.map((value) => ({ kind: 'list' as const, value })) },
  );

/** Sets the list on the document as generated; returns what the column stores: the list, or [] (lesson: absent means none). */
function putList<T>(target: Record<string, unknown>, key: string, generated: GeneratedList<T>): T[] {
  if (generated.kind === 'null') target[key] = null;
  if (generated.kind !== 'list') return [];
  target[key] = generated.value;
  return generated.value;
}

export type PostEventCase = {
  event: EventEnvelope<PostDocument>;
  /** the row a correct consumer hands to insertPost for this event (JSON columns as JSON.stringify writes them) */
  row: PostRow;
};

const opt = (column: keyof typeof POST_LIMITS) => optional(text(POST_LIMITS[column]));

/** post.created / post.updated events over the whole document space, with their expected rows. */
export const postEventCase = (eventType: typeof EventType.POST_CREATED | typeof EventType.POST_UPDATED = EventType.POST_CREATED): fc.Arbitrary<PostEventCase> =>
  fc
    .record({
      postId: objectId(),
      authorId: objectId(),
      displayName: opt('author_display_name'),
      body: text(BODY_LENGTH),
      language: opt('language'),
      visibility: visibility(),
      media: list(media()),
      hashtags: list(words()),
      mentions: list(words()),
      linkPreview: nested(fc.record({ url: opt('link_url'), title: opt('link_title'), description: opt('link_description'), image_url: opt('link_image_url'), site_name: opt('link_site_name') })),
      likes: counter(),
      comments: counter(),
      shares: counter(),
      views: views(),
      engagementRate: engagementRate(),
      pinned: fc.boolean(),
      publishedAt: optional(timestamp()),
      deletedAt: optional(timestamp()),
      createdAt: timestamp(),
      updatedAt: timestamp(),
      eventId: eventId(),
      emittedAt: timestamp(),
    })
    .map((g) => {
      const author: Record<string, unknown> = { user_id: g.authorId };
      put(author, 'display_name', g.displayName);
      const data: Record<string, unknown> = { post_id: g.postId, author, text: g.body };
      put(data, 'language', g.language);
      data.visibility = g.visibility;
      const media = putList(data, 'media', g.media);
      const hashtags = putList(data, 'hashtags', g.hashtags);
      const mentions = putList(data, 'mentions', g.mentions);
      const link = assemble(data, 'link_preview', g.linkPreview);
      data.stats = { likes: g.likes, comments: g.comments, shares: g.shares, views: g.views, engagement_rate: g.engagementRate };
      data.pinned = g.pinned;
      putTime(data, 'published_at', g.publishedAt);
      putTime(data, 'deleted_at', g.deletedAt);
      data.created_at = g.createdAt.iso;
      data.updated_at = g.updatedAt.iso;
      const event = wrapEvent(eventType, g.postId, data as PostDocument, { event_id: g.eventId, timestamp: g.emittedAt.iso });
      const row: PostRow = {
        post_id: g.postId,
        author_id: g.authorId,
        author_display_name: g.displayName.value,
        body: g.body,
        language: g.language.value,
        visibility: g.visibility,
        media_json: JSON.stringify(media),
        hashtags_json: JSON.stringify(hashtags),
        mentions_json: JSON.stringify(mentions),
        link_url: link?.url ?? null,
        link_title: link?.title ?? null,
        link_description: link?.description ?? null,
        link_image_url: link?.image_url ?? null,
        link_site_name: link?.site_name ?? null,
        likes_count: g.likes,
        comments_count: g.comments,
        shares_count: g.shares,
        views_count: g.views,
        engagement_rate: g.engagementRate,
        is_pinned: g.pinned ? 1 : 0,
        published_at: g.publishedAt.value?.sql ?? null,
        deleted_at: g.deletedAt.value?.sql ?? null,
        created_at: g.createdAt.sql,
        updated_at: g.updatedAt.sql,
        event_id: g.eventId,
        event_timestamp: g.emittedAt.sql,
      };
      return { event, row };
    });

function putTime(target: Record<string, unknown>, key: string, field: OptionalField<{ iso: string; sql: string }>): void {
  put(target, key, { present: field.present, value: field.value?.iso ?? null });
}
