/**
 * JSON columns compared by the document they hold, not by their text. MySQL keeps JSON in a binary
 * form and writes its own text back (keys sorted, its own spacing); MariaDB's JSON is LONGTEXT and
 * keeps the text as written. So a suite compares documents, one of two ways:
 *  - parsed values (withParsedJson: the expected JSON text parsed, against what the pool returns);
 *  - canonical text (withCanonicalJson / selectWithJson: keys sorted, no spaces), so that a red
 *    test shows two readable strings.
 * A document stored double-encoded ('"[1,2]"') comes back as the text "[1,2]", not as the array,
 * and the comparison says so. JSON `null` is a document, not SQL NULL: the harness reads it as
 * JSON_NULL (kataTypeCast), shown as `JSON null` next to NULL in a row diff.
 */
import { exactDoubles } from '../db/exact-doubles.ts';

/** The JSON document `null` (the text 'null' in a JSON column), told apart from SQL NULL. */
export const JSON_NULL: { readonly toJSON: () => null } = Object.freeze({ toJSON: () => null });

export function isJsonNull(value: unknown): value is typeof JSON_NULL {
  return value === JSON_NULL;
}

/** Integers beyond 2^53 inside a document stay exact, as text (as the pool's supportBigNumbers does). */
function bigNumbersAsText(_key: string, value: unknown, context?: { source?: string }): unknown {
  return typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value) && context?.source ? context.source : value;
}

type Field = { type: string; extendedFormat?: string; string(encoding?: string): string | null };

/**
 * The typeCast of the harness's own reads (db.rows, db.select): DOUBLEs exact (exact-doubles.ts),
 * JSON columns parsed as the pool parses them, except that the document `null` comes back as
 * JSON_NULL, where the pool returns null for it and for SQL NULL alike.
 */
export function kataTypeCast(field: Field, next: () => unknown): unknown {
  if (field.type !== 'JSON' && field.extendedFormat !== 'json') return exactDoubles(field, next);
  const text = field.string('utf8');
  if (text === null) return null;
  if (text.trim() === 'null') return JSON_NULL;
  return JSON.parse(text, bigNumbersAsText as (key: string, value: unknown) => unknown);
}

/**
 * Parses JSON text; a value that is not JSON text fails with what was found instead, followed by
 * `pointer` (where the lesson explains it) when one is given.
 */
export function parseJsonText(text: unknown, column: string, pointer?: string): unknown {
  if (text === null) return null;
  if (typeof text === 'string' && text.trim() === 'null') return JSON_NULL;
  const fail = (problem: string) => new Error(`${column} should hold JSON text, written by JSON.stringify(), but ${problem}.${pointer ? `\n${pointer}` : ''}`);
  if (typeof text !== 'string') throw fail(`it is ${describe(text)}`);
  try {
    return JSON.parse(text);
  } catch {
    const characters = [...text];
    throw fail(`it holds ${JSON.stringify(characters.length > 80 ? `${characters.slice(0, 80).join('')}…` : text)}, which is not JSON`);
  }
}

/** The row with each JSON column's text replaced by its parsed value (other columns untouched). */
export function withParsedJson<T extends Readonly<Record<string, unknown>>>(row: T, jsonColumns: readonly string[], pointer?: string): Record<string, unknown> {
  const parsed: Record<string, unknown> = { ...row };
  for (const column of jsonColumns) if (column in row) parsed[column] = parseJsonText(row[column], column, pointer);
  return parsed;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `the array itself (${JSON.stringify(value).slice(0, 60)}), not text`;
  return `${typeof value === 'object' ? 'an object' : `the ${typeof value}`} ${String(value).slice(0, 60)}`;
}

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
  if (isJsonNull(value)) return null;
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
 * text (SQL NULL stays null; the document null is the text 'null'). A document stored as a JSON string, e.g. JSON text encoded twice,
 * reads back as a quoted string: '"{\"a\":1}"', not '{"a":1}'.
 */
export async function selectWithJson<T extends object>(
  // KataDatabase's select (database.ts imports this module: spelt out here, no import loop)
  db: { select<R = Record<string, unknown>>(table: string, columns: readonly string[], where?: Record<string, unknown>): Promise<R[]> },
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
