/**
 * JSON columns compared by meaning, not by text. MySQL keeps JSON in a binary form and gives back
 * its own rewrite of the text (keys sorted, its own spacing); MariaDB's JSON is LONGTEXT and gives
 * back the text as written; and mysql2 may hand a JSON column over parsed or as text. So the
 * suites read JSON columns as text (`CAST(... AS CHAR)`, the same on every server and every pool
 * setting), parse that text once, and compare values: arrays keep their order, objects their
 * keys in any order. Reading the text also keeps a double-encoded document visible: the string
 * '"[1,2]"' parses to the text "[1,2]", never to the array.
 */
import type { RowDataPacket } from 'mysql2/promise';
import type { KataDatabase } from './database.ts';

/**
 * Parses JSON text; a value that is not JSON text fails with what was found instead, followed by
 * `pointer` (where the lesson explains it) when one is given.
 */
export function parseJsonText(text: unknown, column: string, pointer?: string): unknown {
  if (text === null) return null;
  const fail = (problem: string) => new Error(`${column} should hold JSON text, written by JSON.stringify(), but ${problem}.${pointer ? `\n${pointer}` : ''}`);
  if (typeof text !== 'string') throw fail(`it is ${describe(text)}`);
  try {
    return JSON.parse(text);
  } catch {
    throw fail(`it holds ${JSON.stringify([...text].length > 80 ? `${[...text].slice(0, 80).join('')}…` : text)}, which is not JSON`);
  }
}

/** The row with each JSON column's text replaced by its parsed value (other columns untouched). */
export function withParsedJson<T extends Readonly<Record<string, unknown>>>(row: T, jsonColumns: readonly string[], pointer?: string): Record<string, unknown> {
  const parsed: Record<string, unknown> = { ...row };
  for (const column of jsonColumns) if (column in row) parsed[column] = parseJsonText(row[column], column, pointer);
  return parsed;
}

/** A SELECT list that reads the JSON columns as text: `CAST(\`media_json\` AS CHAR) AS \`media_json\``. */
export function selectListWithJsonText(columns: readonly string[], jsonColumns: readonly string[]): string {
  return columns.map((column) => (jsonColumns.includes(column) ? `CAST(\`${column}\` AS CHAR) AS \`${column}\`` : `\`${column}\``)).join(', ');
}

/**
 * The rows as stored: SELECT these columns FROM table WHERE every `where` column equals its value,
 * the JSON columns read as text and parsed; compare them (toEqualRows) with withParsedJson(expected).
 * DOUBLE columns are read with JavaScript's own Number(): mysql2's quick parser of the text
 * protocol gets some 16- and 17-digit doubles one bit wrong (985.9908324725513 comes back as
 * 985.9908324725512), and a test of bit-exact storage must not see that. (The binary protocol,
 * execute(), has exact doubles but drops a zero fraction of DATETIME(6): '... 00:00:00'.)
 */
export async function selectStored(
  db: KataDatabase,
  table: string,
  columns: readonly string[],
  jsonColumns: readonly string[],
  where: Readonly<Record<string, unknown>> = {},
): Promise<Record<string, unknown>[]> {
  const conditions = Object.keys(where).map((column) => `\`${column}\` = ?`);
  const sql = `SELECT ${selectListWithJsonText(columns, jsonColumns)} FROM \`${table}\`${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
  const [rows] = await db.pool.query<RowDataPacket[]>({ sql, typeCast: exactDoubles }, Object.values(where));
  return rows.map((row) => withParsedJson(row, jsonColumns));
}

const exactDoubles = (field: { type: string; string(): string | null }, next: () => unknown): unknown => {
  if (field.type !== 'DOUBLE') return next();
  const text = field.string();
  return text === null ? null : Number(text);
};

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `the array itself (${JSON.stringify(value).slice(0, 60)}), not text`;
  return `${typeof value === 'object' ? 'an object' : `the ${typeof value}`} ${String(value).slice(0, 60)}`;
}
