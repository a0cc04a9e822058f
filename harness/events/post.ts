/**
 * The Post domain: a social post with lists (media, hashtags, mentions), an optional link
 * preview, engagement statistics, and the flat row it becomes. Complete: read it, don't edit it.
 * Kata 05 builds the table, DAL and handlers for it.
 */
import { defineDomain } from './domain.ts';
import { newObjectId, wrapEvent, type EnvelopeOverrides, type EventEnvelope, type SqlDateTime } from './envelope.ts';

/** One picture, video or GIF attached to a post. */
export type MediaItem = {
  type: 'image' | 'video' | 'gif';
  url: string;
  /** pixels */
  width: number;
  height: number;
  /** videos and GIFs: the length in seconds (to the millisecond); missing or null for images */
  duration?: number | null;
  /** the description read out by screen readers; missing or null when the author wrote none */
  alt_text?: string | null;
};

/** The card the app shows for the first link in a post. Any field may be missing or null. */
export type LinkPreview = {
  url?: string | null;
  title?: string | null;
  description?: string | null;
  image_url?: string | null;
  site_name?: string | null;
};

/** A post as MongoDB stores it (the `data` of post.created / post.updated). */
export type PostDocument = {
  post_id: string;
  /** who wrote it: the user's id, and their display name as it was when they posted */
  author: {
    user_id: string;
    display_name?: string | null;
  };
  /** the post's text; may be empty (a post that is only a picture) */
  text: string;
  /** BCP 47 language tag detected by the backend ('en', 'pt-BR', 'zh-Hant-TW'); missing when unknown */
  language?: string | null;
  visibility: 'public' | 'followers' | 'private';
  /** in the order the author arranged them; missing, null or [] when the post has none */
  media?: MediaItem[] | null;
  /** without the '#', in the order they appear in the text; missing, null or [] when none */
  hashtags?: string[] | null;
  /** user names without the '@', in order of appearance; missing, null or [] when none */
  mentions?: string[] | null;
  /** missing or null when the post has no link */
  link_preview?: LinkPreview | null;
  /** counters the backend recomputes on every update; engagement_rate = interactions / views */
  stats: {
    likes: number;
    comments: number;
    shares: number;
    /** a viral post passes 2,147,483,647 views */
    views: number;
    /** a double, e.g. 0.0734 or 1e-9; above 1 when interactions outnumber views */
    engagement_rate: number;
  };
  /** pinned to the top of the author's profile */
  pinned: boolean;
  /** null while the post is a draft; set once, when it is first published */
  published_at?: string | null;
  /** null unless the post was deleted */
  deleted_at?: string | null;
  created_at: string;
  updated_at: string;
};

/** The `data` of post.deleted: the backend only says which post. */
export type PostDeletedData = { post_id: string };

/** Text written by JSON.stringify(), for a JSON column: '["ai","rust"]', '[]'. */
export type JsonText = string;

/** One row of the `posts` table as PostDAL.insertPost receives it: one field per column, in column order (26). */
export type PostRow = {
  post_id: string;
  author_id: string;
  author_display_name: string | null;
  body: string;
  language: string | null;
  visibility: string;
  media_json: JsonText;
  hashtags_json: JsonText;
  mentions_json: JsonText;
  link_url: string | null;
  link_title: string | null;
  link_description: string | null;
  link_image_url: string | null;
  link_site_name: string | null;
  likes_count: number;
  comments_count: number;
  shares_count: number;
  views_count: number;
  engagement_rate: number;
  /** BOOLEAN is TINYINT(1) in MySQL: 1 for true, 0 for false */
  is_pinned: 0 | 1;
  published_at: SqlDateTime | null;
  deleted_at: SqlDateTime | null;
  created_at: SqlDateTime;
  updated_at: SqlDateTime;
  event_id: string;
  event_timestamp: SqlDateTime;
};

/** The column order of `posts`, as the course defines it. */
export const POST_COLUMNS = [
  'post_id', 'author_id', 'author_display_name', 'body', 'language', 'visibility',
  'media_json', 'hashtags_json', 'mentions_json',
  'link_url', 'link_title', 'link_description', 'link_image_url', 'link_site_name',
  'likes_count', 'comments_count', 'shares_count', 'views_count', 'engagement_rate',
  'is_pinned', 'published_at', 'deleted_at', 'created_at', 'updated_at', 'event_id', 'event_timestamp',
] as const satisfies readonly (keyof PostRow)[];

/** The columns of `posts` that hold JSON documents (JSON text on the way in). */
export const POST_JSON_COLUMNS = ['media_json', 'hashtags_json', 'mentions_json'] as const satisfies readonly (keyof PostRow)[];

/** A realistic post document; pass overrides for the parts a test cares about. */
export function buildPost(overrides: Partial<PostDocument> = {}): PostDocument {
  return {
    post_id: newObjectId(),
    author: { user_id: '65a1f0c2e4b0a1b2c3d4e5f6', display_name: 'Ada Lovelace' },
    text: 'Our new cold brew is out! Thanks @harborroasters ☕ #coffee #seattle',
    language: 'en',
    visibility: 'public',
    media: [
      { type: 'image', url: 'https://cdn.example.com/p/cold-brew.jpg', width: 1080, height: 1350, alt_text: 'A glass of cold brew on a pier' },
      { type: 'video', url: 'https://cdn.example.com/p/pouring.mp4', width: 1920, height: 1080, duration: 12.48 },
    ],
    hashtags: ['coffee', 'seattle'],
    mentions: ['harborroasters'],
    link_preview: {
      url: 'https://harbor-roasters.example/cold-brew',
      title: 'Cold brew, done slowly',
      description: 'Eighteen hours, one pier, no shortcuts.',
      image_url: 'https://harbor-roasters.example/og/cold-brew.jpg',
      site_name: 'Harbor Roasters',
    },
    stats: { likes: 412, comments: 38, shares: 17, views: 6_350, engagement_rate: 0.0734 },
    pinned: false,
    published_at: '2024-05-02T08:15:00.250000+02:00',
    deleted_at: null,
    created_at: '2024-05-02T08:00:00.000001+02:00',
    updated_at: '2024-05-02T08:15:00.250000+02:00',
    ...overrides,
  };
}

export function postEvent(eventType: 'post.created' | 'post.updated', data: PostDocument, envelope?: EnvelopeOverrides): EventEnvelope<PostDocument>;
export function postEvent(eventType: 'post.deleted', data: PostDeletedData, envelope?: EnvelopeOverrides): EventEnvelope<PostDeletedData>;
/** Wraps a post document in the envelope the backend publishes. */
export function postEvent(eventType: string, data: PostDocument | PostDeletedData, envelope: EnvelopeOverrides = {}): EventEnvelope<PostDocument | PostDeletedData> {
  return wrapEvent(eventType, data.post_id, data, { timestamp: '2024-05-02T06:15:00.500000+00:00', ...envelope });
}

/** The post domain as the harness's tools see it (see domain.ts). */
export const postDomain = defineDomain({
  name: 'post',
  topic: 'posts',
  table: 'posts',
  idField: 'post_id',
  events: ['post.created', 'post.updated', 'post.deleted'],
  refersToExisting: ['post.deleted'],
  example: (type, id, now) =>
    type === 'post.deleted'
      ? postEvent(type, { post_id: id }, { timestamp: now })
      : postEvent(type, buildPost({ post_id: id, published_at: now, created_at: now, updated_at: now }), { timestamp: now }),
});
