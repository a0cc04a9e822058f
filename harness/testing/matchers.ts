/**
 * Teaching matchers: when they fail they print what the course expects next to what the server
 * has, as a small table, followed by where in the lesson to read. Registered by setup.ts.
 */
import { expect } from 'vitest';
import type { ColumnInfo, IndexInfo, TableInfo } from './introspect.ts';
import { describeRowDifferences, describeRowsMismatch, type Row } from './rows.ts';
import { keepTestMessagesApart } from './assertion-text.ts';
import { keepMessagesWhenSettledOtherwise } from './settled-messages.ts';

export type ColumnSpec = { name: string; type: string; nullable: boolean };

type MatcherResult = { pass: boolean; message: () => string };

const describeColumn = (column: { type: string; nullable: boolean }) => `${column.type} ${column.nullable ? 'NULL' : 'NOT NULL'}`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) => '  ' + row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

/**
 * Where to read about a table's columns: the section, and for some columns the paragraph that
 * explains their type (money, JSON, booleans). A failure ends with the paragraphs of the columns
 * that differ, else the section.
 */
export type ColumnPointers = { pointer: string; byColumn: Readonly<Record<string, string>> };

function pointerForColumns(pointer: string | ColumnPointers, columns: readonly string[]): string {
  if (typeof pointer === 'string') return pointer;
  const paragraphs = [...new Set(columns.map((column) => pointer.byColumn[column] ?? pointer.pointer))];
  return paragraphs.length > 0 ? paragraphs.join('\n') : pointer.pointer;
}

export function toHaveColumns(received: TableInfo, expected: readonly ColumnSpec[], pointer: string | ColumnPointers): MatcherResult {
  const found = new Map(received.columns.map((column) => [column.name, column]));
  const rows: string[][] = [['', 'column', 'expected', 'found']];
  const differing: string[] = [];
  let pass = true;
  for (const spec of expected) {
    const column = found.get(spec.name);
    const ok = column !== undefined && column.type === spec.type && column.nullable === spec.nullable;
    if (!ok) differing.push(spec.name);
    pass &&= ok;
    rows.push([ok ? '✓' : '✗', spec.name, describeColumn(spec), column ? describeColumn(column) : '(missing)']);
  }
  const extra = received.columns.filter((column: ColumnInfo) => !expected.some((spec) => spec.name === column.name));
  for (const column of extra) {
    pass = false;
    differing.push(column.name);
    rows.push(['✗', column.name, '(not in the course\'s table)', describeColumn(column)]);
  }
  return {
    pass,
    message: () =>
      pass
        ? `expected \`${received.name}\` not to have exactly these columns`
        : `The columns of \`${received.name}\` differ from the course's definition (✗ marks each difference):\n\n${table(rows)}\n\n${pointerForColumns(pointer, differing)}`,
  };
}

export function toHaveColumnOrder(received: TableInfo, expected: readonly string[], pointer: string): MatcherResult {
  const actual = received.columns.map((column) => column.name);
  const pass = actual.join(',') === expected.join(',');
  return {
    pass,
    message: () =>
      `The columns of \`${received.name}\` are not in the course's order.\n` +
      `  expected: ${expected.join(', ')}\n  found:    ${actual.join(', ')}\n${pointer}`,
  };
}

export function toHavePrimaryKey(received: TableInfo, expected: readonly string[], pointer: string): MatcherResult {
  const pass = received.primaryKey.join(',') === expected.join(',');
  return {
    pass,
    message: () =>
      `\`${received.name}\` should have PRIMARY KEY (${expected.join(', ')}), ` +
      `but ${received.primaryKey.length ? `has PRIMARY KEY (${received.primaryKey.join(', ')})` : 'has no primary key'}.\n${pointer}`,
  };
}

function listIndexes(indexes: IndexInfo[]): string {
  if (indexes.length === 0) return '  (none)';
  return indexes.map((index) => `  ${index.unique ? 'UNIQUE ' : ''}INDEX ${index.name} (${index.columns.join(', ')})`).join('\n');
}

/**
 * What stands in for the wanted index, when it is missing: the same columns in the same order but
 * the other kind (a plain INDEX where a UNIQUE KEY is wanted, or the reverse), or the same columns
 * in another order. Each says what is truly wrong, not the other case's words.
 */
function nearMiss(received: TableInfo, columns: readonly string[], unique: boolean | undefined): string {
  const wanted = columns.join(',');
  const list = `(${columns.join(', ')})`;
  const sameOrder = received.indexes.find((index) => index.columns.join(',') === wanted);
  if (sameOrder && unique === true) {
    return (
      `There is an index on ${list}, \`${sameOrder.name}\`, the right columns in the right order, but it is a plain INDEX, not UNIQUE: ` +
      `it speeds up the lookups, yet the database accepts two rows with the same ${list}. ` +
      `A UNIQUE KEY refuses the second, whatever the code does.\n`
    );
  }
  if (sameOrder && unique === false) {
    return (
      `There is one on ${list}, \`${sameOrder.name}\`, the right columns in the right order, but it is UNIQUE: ` +
      `the database would refuse a second row with the same ${list}, and the course's rows may share them. A plain INDEX only speeds up the lookups.\n`
    );
  }
  const otherOrder = received.indexes.find((index) => index.columns.join(',') !== wanted && [...index.columns].sort().join(',') === [...columns].sort().join(','));
  if (otherOrder) {
    return `There is one on (${otherOrder.columns.join(', ')}): same columns, but the order of columns in an index matters.\n`;
  }
  return '';
}

/** An index (unique or not) whose columns are exactly `columns`, in this order. */
export function toHaveIndexOn(received: TableInfo, columns: readonly string[], pointer: string, options: { unique?: boolean } = {}): MatcherResult {
  const wanted = columns.join(',');
  const match = received.indexes.find((index) => index.columns.join(',') === wanted && (options.unique === undefined || index.unique === options.unique));
  const kind = options.unique ? 'a UNIQUE KEY' : 'an INDEX';
  return {
    pass: match !== undefined,
    message: () =>
      `\`${received.name}\` should have ${kind} on (${columns.join(', ')}), in that column order.\n` +
      (match ? '' : nearMiss(received, columns, options.unique)) +
      `Indexes found:\n${listIndexes(received.indexes)}\n${pointer}`,
  };
}

export function toUseEngineAndCharset(received: TableInfo, engine: string, charset: string, pointer: string): MatcherResult {
  const pass = received.engine.toLowerCase() === engine.toLowerCase() && received.charset.toLowerCase() === charset.toLowerCase();
  return {
    pass,
    message: () =>
      `\`${received.name}\` should be ENGINE=${engine} DEFAULT CHARSET=${charset}; ` +
      `it is ENGINE=${received.engine} DEFAULT CHARSET=${received.charset}.\n${pointer}`,
  };
}

/** What a row comparison needs: the table's columns in order, why these rows, and where to read. */
export type RowExpectation = {
  columns: readonly string[];
  table?: string;
  why: string;
  pointer: string;
  /** compare only these columns (the row's other fields may hold anything) */
  partial?: boolean;
  /** the columns that tell rows apart, when the first column alone does not (product_id, variant_key) */
  key?: readonly string[];
};

/** The same rows (matched by their key, the first column by default, in any order), compared column by column in table order. */
export function toEqualRows(received: readonly Row[], expected: readonly Row[], expectation: RowExpectation): MatcherResult {
  const mismatch = describeRowsMismatch(received, expected, expectation.columns, expectation.table ? `\`${expectation.table}\`` : undefined, expectation.partial, expectation.key);
  return {
    pass: mismatch === undefined,
    message: () => (mismatch === undefined ? `expected other rows than these` : `${expectation.why}\n${mismatch}\n${expectation.pointer}`),
  };
}

/** One row (an object handed to a DAL, say), compared column by column in table order. */
export function toEqualRow(received: Row | undefined | null, expected: Row, expectation: RowExpectation): MatcherResult {
  const differences = received === undefined || received === null ? ['  (no row at all)'] : describeRowDifferences(received, expected, expectation.columns, expectation.partial);
  return {
    pass: differences.length === 0,
    message: () => (differences.length === 0 ? `expected another row than this` : [expectation.why, ...differences, expectation.pointer].join('\n')),
  };
}

export const kataMatchers = { toHaveColumns, toHaveColumnOrder, toHavePrimaryKey, toHaveIndexOn, toUseEngineAndCharset, toEqualRows, toEqualRow };

export function registerKataMatchers(): void {
  expect.extend(kataMatchers as unknown as Parameters<typeof expect.extend>[0]);
  // a test's own message survives a promise that settles the other way
  keepMessagesWhenSettledOtherwise();
  // and stands apart from vitest's own sentence ("…: expected false to be true")
  keepTestMessagesApart();
}

interface KataMatchers<R = unknown> {
  toHaveColumns(expected: readonly ColumnSpec[], pointer: string | ColumnPointers): R;
  toHaveColumnOrder(expected: readonly string[], pointer: string): R;
  toHavePrimaryKey(expected: readonly string[], pointer: string): R;
  toHaveIndexOn(columns: readonly string[], pointer: string, options?: { unique?: boolean }): R;
  toUseEngineAndCharset(engine: string, charset: string, pointer: string): R;
  toEqualRows(expected: readonly Row[], expectation: RowExpectation): R;
  toEqualRow(expected: Row, expectation: RowExpectation): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Matchers<R extends void | Promise<void> = void | Promise<void>, T = unknown> extends KataMatchers<R> {}
}
