/**
 * JSON columns compared by meaning, not by text. MySQL keeps JSON in a binary form and writes its
 * own text back (keys sorted, its own spacing); MariaDB keeps the text as written; the pool hands
 * both over parsed (harness/db/pool.ts). So a suite compares values: the parsed value a SELECT
 * returns against the expected JSON text, parsed here; arrays keep their order, objects match
 * whatever their key order. A document stored double-encoded ('"[1,2]"') comes back as the text
 * "[1,2]", not as the array, and the comparison says so.
 */

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
