/**
 * Comparing JSON columns by the document they hold, not by their text. The same document is
 * stored as different text on different servers: MySQL keeps JSON in a binary form and prints it
 * back its own way (keys sorted, a space after each colon and comma), MariaDB's JSON is LONGTEXT
 * and keeps the text as written. The pool returns a JSON column as the parsed value on both
 * (harness/db/pool.ts); a DAL is handed JSON text. Both sides become canonical text before they
 * are compared: keys sorted, no spaces, so that a red test shows two readable strings.
 */
import type { KataDatabase } from './database.ts';

/** The canonical text of a parsed JSON value: { b: 1, a: [1, 2.5] } -> '{"a":[1,2.5],"b":1}'. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** The canonical text of JSON text: '{ "b": 1, "a": [1, 2.50] }' -> '{"a":[1,2.5],"b":1}'; text that is not JSON stays as it is. */
export function canonicalJsonText(text: string): string {
  try {
    return canonicalJson(JSON.parse(text));
  } catch {
    return text;
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    // defineProperty: a key such as '__proto__' stays a plain key
    Object.defineProperty(sorted, key, { value: sortKeys((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
  }
  return sorted;
}

/**
 * A row as a DAL is handed it, with its JSON text in canonical form. A value that is not text (an
 * object passed instead of JSON.stringify's result, say) stays as it is, so the comparison shows it.
 */
export function withCanonicalJson<T extends object>(row: T, jsonColumns: readonly string[]): T {
  const copy = { ...row } as Record<string, unknown>;
  for (const column of jsonColumns) {
    const value = copy[column];
    if (typeof value === 'string') copy[column] = canonicalJsonText(value);
  }
  return copy as T;
}

/**
 * SELECT columns FROM table [WHERE ...], each JSON column's parsed value turned into canonical
 * text (SQL NULL stays null). A document stored as a JSON string, e.g. JSON text encoded twice,
 * reads back as a quoted string: '"{\"a\":1}"', not '{"a":1}'.
 */
export async function selectWithJson<T extends object>(
  db: KataDatabase,
  table: string,
  columns: readonly string[],
  options: { json: readonly string[]; where?: Record<string, unknown> },
): Promise<T[]> {
  const rows = await db.select<Record<string, unknown>>(table, columns, options.where);
  return rows.map((row) => {
    for (const column of options.json) if (row[column] !== null) row[column] = canonicalJson(row[column]);
    return row as T;
  });
}
