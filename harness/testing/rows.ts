/**
 * Rows compared column by column, in the table's column order (not alphabetically, as a generic
 * object diff would), so that a red test reads like the table: which column, expected, found.
 */
import { isDeepStrictEqual } from 'node:util';
import { isJsonNull } from './json.ts';

export type Row = Readonly<Record<string, unknown>>;

/** At most this many differing columns are listed; the rest are counted. */
const MAX_LISTED = 8;
/** Longer texts are cut around their first difference. */
const WIDTH = 48;

/** A value as SQL people read it: NULL, numbers bare, texts quoted (JSON escapes show invisible characters), the JSON document null apart from NULL. */
export function formatValue(value: unknown, around = 0): string {
  if (value === null) return 'NULL';
  if (isJsonNull(value)) return 'JSON null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') {
    const characters = [...value];
    if (characters.length <= WIDTH) return JSON.stringify(value);
    const start = Math.max(0, Math.min(around - WIDTH / 4, characters.length - WIDTH));
    const window = characters.slice(start, start + WIDTH).join('');
    return `${start > 0 ? '…' : ''}${JSON.stringify(window)}${start + WIDTH < characters.length ? '…' : ''} (${characters.length} characters)`;
  }
  if (value instanceof Date) return `Date(${Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString()})`;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Where two texts first differ, in code points (0 when they are not both texts). */
function firstDifference(a: unknown, b: unknown): number {
  if (typeof a !== 'string' || typeof b !== 'string') return 0;
  const left = [...a];
  const right = [...b];
  let index = 0;
  while (index < left.length && index < right.length && left[index] === right[index]) index++;
  return index;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return Object.is(a, b) || isDeepStrictEqual(a, b);
}

export type ColumnDifference = { column: string; expected: unknown; found: unknown; missing?: boolean; extra?: boolean };

/**
 * The columns whose values differ, in column order; keys of `found` that are no column come last
 * (unless partial: then only the given columns are compared).
 */
export function columnDifferences(found: Row, expected: Row, columns: readonly string[], partial = false): ColumnDifference[] {
  const differences: ColumnDifference[] = [];
  for (const column of columns) {
    const present = Object.hasOwn(found, column);
    if (!present || !sameValue(found[column], expected[column])) {
      differences.push({ column, expected: expected[column], found: found[column], ...(present ? {} : { missing: true }) });
    }
  }
  for (const key of partial ? [] : Object.keys(found)) {
    if (!columns.includes(key)) differences.push({ column: key, expected: undefined, found: found[key], extra: true });
  }
  return differences;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => '  ' + row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
}

/** The differing columns of one row as a small table (✗ marks each), or [] when the rows are equal. */
export function describeRowDifferences(found: Row, expected: Row, columns: readonly string[], partial = false): string[] {
  const differences = columnDifferences(found, expected, columns, partial);
  if (differences.length === 0) return [];
  const listed = differences.slice(0, MAX_LISTED);
  const lines = table([
    ['', 'column', 'expected', 'found'],
    ...listed.map((difference) => {
      const at = firstDifference(difference.expected, difference.found);
      return [
        '✗',
        difference.column,
        difference.extra ? '(not a column of the table)' : formatValue(difference.expected, at),
        difference.missing ? '(missing)' : formatValue(difference.found, at),
      ];
    }),
  ]);
  if (differences.length > listed.length) lines.push(`  … and ${differences.length - listed.length} more column(s)`);
  const equal = columns.length - differences.filter((difference) => !difference.extra).length;
  if (equal > 0) lines.push(`  (the other ${equal} column(s) as expected)`);
  for (const difference of listed) {
    const note = stringifiedOnce(difference) ?? microsecondsLost(difference);
    if (note) lines.push(`  ${difference.column}: ${note}`);
  }
  return lines;
}

/**
 * A time that went through a JavaScript Date: the Date itself handed over, its ISO text, or its
 * text cut to milliseconds ("…09:30:00.875000" for "…875001"). The last only when the milliseconds
 * are not all zero: a shrunk counterexample's "…000000" against "…000001" is a newer-vs-older
 * time (an upsert's guard), not a Date.
 */
function microsecondsLost({ expected, found }: ColumnDifference): string | undefined {
  const time = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.(\d{3}))(\d{3})$/;
  const wanted = time.exec(String(expected));
  if (!wanted) return undefined;
  const parse = "keep the event's timestamp as text, 'YYYY-MM-DD HH:MM:SS.ffffff', with kata 01's parseTimestamp, never through new Date(...)";
  if (found instanceof Date) return `a JavaScript Date was handed over: it holds milliseconds only, and the driver writes it in the machine's time zone. ${parse[0]!.toUpperCase()}${parse.slice(1)}.`;
  if (typeof found === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(found)) return `that is Date.toISOString()'s text (a T, a Z, milliseconds only): ${parse}.`;
  const got = time.exec(String(found));
  if (!got || wanted[1] !== got[1] || got[3] !== '000' || wanted[3] === '000' || wanted[2] === '000') return undefined;
  return `the same time to the millisecond, its microseconds lost: a JavaScript Date holds milliseconds only. ${parse[0]!.toUpperCase()}${parse.slice(1)}.`;
}

/**
 * The two faces of JSON.stringify run once too often, which a value diff shows but does not name:
 * the text "null" where SQL NULL was expected (JSON.stringify(null)), and a JSON string whose
 * content is the expected JSON text (JSON.stringify of text that was JSON already).
 */
function stringifiedOnce({ expected, found }: ColumnDifference): string | undefined {
  if (expected === null && found === 'null') return 'the text "null" is what JSON.stringify(null) returns; a missing value is SQL NULL: pass null itself, not JSON.stringify(null).';
  if (typeof found !== 'string' || !found.startsWith('"')) return undefined;
  try {
    const inner: unknown = JSON.parse(found);
    if (typeof inner !== 'string') return undefined;
    const wanted = typeof expected === 'string' ? expected : JSON.stringify(expected);
    return sameValue(JSON.parse(inner), typeof wanted === 'string' ? JSON.parse(wanted) : wanted)
      ? 'it holds a JSON string whose text is the expected document: JSON.stringify ran on a value that was JSON text already.'
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What differs between the rows found and the rows expected, matched by their key (the first
 * column unless `key` names others, e.g. product_id and variant_key), or undefined when they are
 * the same rows (in any order).
 */
export function describeRowsMismatch(
  found: readonly Row[],
  expected: readonly Row[],
  columns: readonly string[],
  table = 'the table',
  partial = false,
  key: readonly string[] = [columns[0]!],
): string | undefined {
  const sameKey = (a: Row, b: Row) => key.every((column) => sameValue(a[column], b[column]));
  const describeKey = (row: Row) => key.map((column) => `${column} = ${formatValue(row[column])}`).join(', ');
  const lines: string[] = [];
  const unmatched = [...found];
  for (const wanted of expected) {
    const index = unmatched.findIndex((row) => sameKey(row, wanted));
    if (index === -1) {
      lines.push(`✗ no row with ${describeKey(wanted)} (expected one)`);
      continue;
    }
    const [row] = unmatched.splice(index, 1);
    const differences = describeRowDifferences(row!, wanted, columns, partial);
    if (differences.length > 0) lines.push(`✗ the row with ${describeKey(wanted)}:`, ...differences);
  }
  for (const row of unmatched) lines.push(`✗ an unexpected row with ${describeKey(row)}`);
  if (lines.length === 0) return undefined;
  return [`${table}: ${expected.length} row(s) expected, ${found.length} found.`, ...lines.slice(0, 40)].join('\n');
}
