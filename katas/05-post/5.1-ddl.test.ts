/**
 * Exercise 5.1 (DDL): the `posts` table, read back from the server's information_schema, and two
 * behaviours its types promise: the JSON columns refuse text that is not JSON, and
 * engagement_rate gives back exactly the double it was given. Rows are written with the
 * harness's own SQL: this file judges tables.ts alone.
 * Run: npm test -- katas/05-post/5.1
 */
import { describe, expect, it } from 'vitest';
import { applyTables } from '../../harness/db/tables.ts';
import { newObjectId } from '../../harness/events/envelope.ts';
import { TELLING_RATES } from '../../harness/events/post.arbitraries.ts';
import { POST_JSON_COLUMNS, type PostRow } from '../../harness/events/post.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import type { ColumnSpec } from '../../harness/testing/matchers.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { tables } from './tables.ts';

const lesson = lessonFor('05-post');
const db = useKataDatabase({ kata: '05-post', tables: () => tables });
const posts = () => db.table('posts', '5.1');
const schema = lesson.section('3. Schema deep dive');
/** The paragraphs of section 3, for the tests and columns they explain. */
const paragraph = (name: string) => lesson.paragraph('3. Schema deep dive', name);
const jsonForLists = paragraph('JSON for lists');
const doubleForRatio = paragraph('`DOUBLE` for a ratio');
const indexes = paragraph('Indexes: one per question');
/** A column whose type a paragraph explains points there; the others at the section. */
const columnPointers = {
  pointer: schema,
  byColumn: {
    media_json: jsonForLists,
    hashtags_json: jsonForLists,
    mentions_json: jsonForLists,
    engagement_rate: doubleForRatio,
    views_count: paragraph('`BIGINT` for views'),
    is_pinned: paragraph('`BOOLEAN` is `TINYINT(1)`'),
    author_display_name: paragraph('The author, denormalised'),
  },
};

const varchar = (name: string, length: number, nullable = true): ColumnSpec => ({ name, type: `varchar(${length})`, nullable });
const notNull = (name: string, type: string): ColumnSpec => ({ name, type, nullable: false });
const datetime = (name: string, nullable = false): ColumnSpec => ({ name, type: 'datetime(6)', nullable });

/** The course's `posts` table (README, "3. Schema deep dive"). */
const POSTS: ColumnSpec[] = [
  varchar('post_id', 24, false),
  varchar('author_id', 24, false),
  varchar('author_display_name', 100),
  notNull('body', 'text'),
  varchar('language', 35),
  varchar('visibility', 20, false),
  notNull('media_json', 'json'),
  notNull('hashtags_json', 'json'),
  notNull('mentions_json', 'json'),
  varchar('link_url', 2048),
  varchar('link_title', 300),
  varchar('link_description', 1000),
  varchar('link_image_url', 2048),
  varchar('link_site_name', 100),
  notNull('likes_count', 'int'),
  notNull('comments_count', 'int'),
  notNull('shares_count', 'int'),
  notNull('views_count', 'bigint'),
  notNull('engagement_rate', 'double'),
  notNull('is_pinned', 'tinyint(1)'),
  datetime('published_at', true),
  datetime('deleted_at', true),
  datetime('created_at'),
  datetime('updated_at'),
  varchar('event_id', 36, false),
  datetime('event_timestamp'),
];

/** The four indexes, each with the query it serves (section 3 names them). */
const INDEXES: [columns: string[], query: string][] = [
  [['author_id', 'created_at'], "an author's timeline, newest first"],
  [['visibility', 'published_at'], 'the public posts of a period'],
  [['engagement_rate'], 'the top posts of all time'],
  [['created_at'], 'posts per day'],
];

/** A valid post, as the harness writes it when a test needs a row. */
const validPost = (overrides: Partial<PostRow> = {}): PostRow => ({
  post_id: newObjectId(),
  author_id: '65a1f0c2e4b0a1b2c3d4e5f6',
  author_display_name: 'Ada Lovelace',
  body: 'Cold brew season ☕ #coffee',
  language: 'en',
  visibility: 'public',
  media_json: '[{"type":"image","url":"https://cdn.example.com/p/1.jpg","width":1080,"height":1350}]',
  hashtags_json: '["coffee"]',
  mentions_json: '[]',
  link_url: null,
  link_title: null,
  link_description: null,
  link_image_url: null,
  link_site_name: null,
  likes_count: 412,
  comments_count: 38,
  shares_count: 17,
  views_count: 6350,
  engagement_rate: 0.0734,
  is_pinned: 0,
  published_at: '2024-05-02 06:15:00.250000',
  deleted_at: null,
  created_at: '2024-05-02 06:00:00.000001',
  updated_at: '2024-05-02 06:15:00.250000',
  event_id: '3f0c8a4e-2b1d-4c5e-9f6a-7b8c9d0e1f2a',
  event_timestamp: '2024-05-02 06:15:00.500000',
  ...overrides,
});

/** Inserts a valid post first: when even that fails, the table itself is the problem, and the test says so. */
async function insertValidPost(): Promise<void> {
  await posts();
  try {
    await db.insert('posts', [validPost()]);
  } catch (error) {
    throw new Error(`The table refuses a valid post: ${(error as Error).message}\nCompare your columns with section 3 first (the first test of this file lists the differences).\n${schema}`);
  }
}

describe('Exercise 5.1: CREATE TABLE posts', () => {
  it('has the 26 columns with the course\'s types and nullability (JSON, DOUBLE, BIGINT, BOOLEAN included)', async () => {
    expect(await posts()).toHaveColumns(POSTS, columnPointers);
  });

  it('lists the columns in the course\'s order', async () => {
    expect(await posts()).toHaveColumnOrder(POSTS.map((column) => column.name), schema);
  });

  it('uses post_id as PRIMARY KEY', async () => {
    expect(await posts()).toHavePrimaryKey(['post_id'], lesson.exercise('5.1'));
  });

  it.each(INDEXES)('has an index on (%s) for %s', async (columns, _query) => {
    expect(await posts()).toHaveIndexOn(columns, indexes, { unique: false });
  });

  it('has no index beyond these four (each one costs a little on every insert)', async () => {
    const table = await posts();
    // an index with a wanted index's columns in another order is that index written wrong: its own test says so
    const sameColumns = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');
    const extra = table.indexes.filter((index) => !INDEXES.some(([columns]) => sameColumns(columns, index.columns)));
    const found = extra.map((index) => `${index.name} (${index.columns.join(', ')})`);
    expect(
      found,
      `posts should have the four indexes of section 3 and no other: every index is one more structure the server updates on ` +
        `every insert and every counter update, and these serve no query of the data team's. Found ${found.length} more: ${found.join('; ')}.\n${indexes}`,
    ).toEqual([]);
  });

  it.each(POST_JSON_COLUMNS)('%s refuses text that is not JSON (a JSON column validates what it stores)', async (column) => {
    await db.reset();
    await insertValidPost();
    const notJson = 'coffee,seattle';
    const stored = await db.insert('posts', [validPost({ [column]: notJson })]).then(
      () => true,
      (error: { errno?: number; message?: string }) => {
        // MySQL: 3140 Invalid JSON text; MariaDB (JSON = LONGTEXT + CHECK (json_valid(...))): 4025 CHECK constraint failed
        if (error.errno === 3140 || error.errno === 4025) return false;
        throw new Error(`Storing a post whose ${column} is not JSON failed, but not because of the JSON: ${error.message}\n${jsonForLists}`);
      },
    );
    expect(
      stored,
      `${column} accepted ${JSON.stringify(notJson)}, which is not JSON. A JSON column refuses it (and a bug upstream shows up at once); ` +
        `a TEXT column stores anything, and every JSON function on it fails later, in a report.\n${jsonForLists}`,
    ).toBe(false);
  });

  it('keeps every engagement_rate exactly, to the last bit (DOUBLE, not FLOAT or DECIMAL)', async () => {
    await db.reset();
    await insertValidPost();
    for (const { rate, wrongTypes } of TELLING_RATES) {
      const row = validPost({ engagement_rate: rate });
      await db.insert('posts', [row]).catch((error: Error) => {
        throw new Error(`Storing engagement_rate = ${rate} failed: ${error.message}\n(${wrongTypes}; a DOUBLE stores it as it is.)\n${doubleForRatio}`);
      });
      const [found] = await db.select<{ engagement_rate: unknown }>('posts', ['engagement_rate'], { post_id: row.post_id });
      expect(
        Object.is(Number(found?.engagement_rate), rate),
        `engagement_rate ${rate} came back as ${String(found?.engagement_rate)}. ` +
          `For this value ${wrongTypes}; a DOUBLE keeps every bit.\n${doubleForRatio}`,
      ).toBe(true);
    }
  });

  it('is an InnoDB table in utf8mb4', async () => {
    expect(await posts()).toUseEngineAndCharset('InnoDB', 'utf8mb4', lesson.exercise('5.1'));
  });

  it('can run again at the next service start without failing (IF NOT EXISTS)', async () => {
    await posts();
    await expect(
      applyTables(db.pool, tables),
      `The service applies tables.ts at every start, on a database that already has the table: each statement must be CREATE TABLE IF NOT EXISTS, which leaves a table that exists as it is (a plain CREATE TABLE fails with "already exists").\n${lesson.exercise('5.1')}`,
    ).resolves.toBeUndefined();
  });
});
