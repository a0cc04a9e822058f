/**
 * Comparing JSON columns by the document they hold, not by their text. The same document is
 * stored as different text on different servers: MySQL keeps JSON in a binary form and prints it
 * back its own way (keys sorted by length then name, a space after each colon and comma), while
 * MariaDB's JSON is LONGTEXT and keeps the text exactly as written. So a suite reads a JSON column
 * as text (CAST(... AS CHAR), one behaviour on every server and whatever the pool does with JSON),
 * and compares canonical text on both sides: parsed once, keys sorted, no spaces.
 */
import type { KataDatabase } from './database.ts';

/** What a JSON column's value is compared as: canonical JSON text, or null for SQL NULL. */
export type JsonColumnValue = string | null;

/**
 * The canonical text of a JSON document: '{ "b": 1, "a": [1, 2.50] }' -> '{"a":[1,2.5],"b":1}'.
 * Text that is not JSON at all is returned unchanged, so that a test shows it as it is.
 */
export function canonicalJson(text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  return JSON.stringify(sortKeys(parsed));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) Object.defineProperty(sorted, key, { value: sortKeys((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
  return sorted;
}

/** True when two JSON texts hold the same document (key order and spacing aside). */
export function sameJson(a: string, b: string): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * A row with its JSON columns in canonical text. Values that are not text (an object handed to a
 * DAL instead of JSON.stringify's result, say) stay as they are, so a comparison shows them.
 */
export function withCanonicalJson<T extends Record<string, unknown>>(row: T, jsonColumns: readonly string[]): T {
  const copy: Record<string, unknown> = { ...row };
  for (const column of jsonColumns) {
    const value = copy[column];
    if (typeof value === 'string') copy[column] = canonicalJson(value);
  }
  return copy as T;
}

/**
 * SELECT columns FROM table [WHERE ...], with each JSON column read as text and made canonical:
 * a JSON column holding the JSON value null reads as 'null', SQL NULL reads as null.
 */
export async function selectWithJson<T extends Record<string, unknown>>(
  db: KataDatabase,
  table: string,
  columns: readonly string[],
  options: { json: readonly string[]; where?: Record<string, unknown> },
): Promise<T[]> {
  const list = columns.map((column) => (options.json.includes(column) ? `CAST(\`${column}\` AS CHAR) AS \`${column}\`` : `\`${column}\``));
  const where = Object.keys(options.where ?? {});
  const sql =
    `SELECT ${list.join(', ')} FROM \`${table}\`` +
    (where.length ? ` WHERE ${where.map((column) => `\`${column}\` = ?`).join(' AND ')}` : '');
  const rows = await db.rows<T>(sql, Object.values(options.where ?? {}));
  return rows.map((row) => withCanonicalJson(row, options.json));
}
