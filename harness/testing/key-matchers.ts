/**
 * Teaching matchers for tables that point at each other: a FOREIGN KEY with its ON DELETE rule,
 * and a server-numbered (AUTO_INCREMENT) key. Like matchers.ts, a failure prints what the course
 * expects next to what the server has, then where to read. Registered by setup.ts.
 */
import { expect } from 'vitest';
import type { ForeignKeyInfo, TableInfo } from './introspect.ts';

type MatcherResult = { pass: boolean; message: () => string };

export type ForeignKeySpec = {
  columns: readonly string[];
  referencedTable: string;
  referencedColumns: readonly string[];
  /** 'CASCADE', 'SET NULL' or 'RESTRICT' (the servers report NO ACTION, the default, as RESTRICT here) */
  onDelete: string;
};

const describeKey = (key: { columns: readonly string[]; referencedTable: string; referencedColumns: readonly string[]; onDelete: string }) =>
  `FOREIGN KEY (${key.columns.join(', ')}) REFERENCES ${key.referencedTable} (${key.referencedColumns.join(', ')}) ON DELETE ${key.onDelete}`;

function listKeys(keys: readonly ForeignKeyInfo[]): string {
  if (keys.length === 0) return '  (none)';
  return keys.map((key) => `  CONSTRAINT ${key.name} ${describeKey(key)}`).join('\n');
}

/** Where to read: one place, or one for a key that is missing or points elsewhere and one for its ON DELETE rule. */
export type ForeignKeyPointer = string | { key: string; onDelete: string };

/** A foreign key on exactly these columns, to exactly that table and those columns, with that ON DELETE rule. */
export function toHaveForeignKey(received: TableInfo, expected: ForeignKeySpec, pointers: ForeignKeyPointer): MatcherResult {
  const same = (a: readonly string[], b: readonly string[]) => a.join(',') === b.join(',');
  const onColumns = received.foreignKeys.filter((key) => same(key.columns, expected.columns));
  const target = onColumns.filter((key) => key.referencedTable === expected.referencedTable && same(key.referencedColumns, expected.referencedColumns));
  const match = target.find((key) => key.onDelete === expected.onDelete.toUpperCase());
  let why = '';
  let pointer = typeof pointers === 'string' ? pointers : pointers.key;
  if (!match && target.length > 0) {
    if (typeof pointers !== 'string') pointer = pointers.onDelete;
    const rule = target[0]!.onDelete;
    why =
      `It is there, but ON DELETE ${rule}${rule === 'RESTRICT' ? ' (what you get when the clause is left out)' : ''}: ` +
      (expected.onDelete.toUpperCase() !== 'CASCADE'
        ? `the rule decides what happens to the ${received.name} rows when their ${expected.referencedTable} row is deleted.\n`
        : rule === 'SET NULL'
          ? `deleting a row of ${expected.referencedTable} then keeps its rows in ${received.name}, their ${expected.columns.join(', ')} emptied to NULL (rows that belong to nothing), instead of taking them with it.\n`
          : rule === 'SET DEFAULT'
            ? `deleting a row of ${expected.referencedTable} then keeps its rows in ${received.name}, pointing elsewhere, instead of taking them with it.\n`
            : `deleting a row of ${expected.referencedTable} that still has rows in ${received.name} is then refused, instead of taking them with it.\n`);
  } else if (!match && onColumns.length > 0) {
    why = `The key on (${expected.columns.join(', ')}) points at ${onColumns[0]!.referencedTable} (${onColumns[0]!.referencedColumns.join(', ')}) instead.\n`;
  } else if (!match) {
    why = `Without it, the database accepts ${received.name} rows that point at no ${expected.referencedTable} row, and keeps them when their ${expected.referencedTable} row is deleted.\n`;
  }
  return {
    pass: match !== undefined,
    message: () =>
      `\`${received.name}\` should have ${describeKey(expected)}.\n${why}` +
      `Foreign keys found:\n${listKeys(received.foreignKeys)}\n${pointer}`,
  };
}

/** The column is numbered by the server: AUTO_INCREMENT. */
export function toHaveAutoIncrement(received: TableInfo, column: string, pointer: string): MatcherResult {
  const found = received.columns.find((candidate) => candidate.name === column);
  const pass = found !== undefined && found.extra.split(/\s+/).includes('auto_increment');
  const numbered = received.columns.filter((candidate) => candidate.extra.split(/\s+/).includes('auto_increment')).map((candidate) => candidate.name);
  return {
    pass,
    message: () =>
      `\`${received.name}\`.${column} should be AUTO_INCREMENT: the server gives every new row the next number, so an INSERT leaves the column out.\n` +
      `${found === undefined ? `There is no column ${column}.` : `It is ${found.type}${found.extra ? ` ${found.extra.toUpperCase()}` : ''}, without AUTO_INCREMENT.`}` +
      `${numbered.length > 0 ? ` (AUTO_INCREMENT is on ${numbered.join(', ')}.)` : ''}\n${pointer}`,
  };
}

export const keyMatchers = { toHaveForeignKey, toHaveAutoIncrement };

export function registerKeyMatchers(): void {
  expect.extend(keyMatchers as unknown as Parameters<typeof expect.extend>[0]);
}

interface KeyMatchers<R = unknown> {
  toHaveForeignKey(expected: ForeignKeySpec, pointer: ForeignKeyPointer): R;
  toHaveAutoIncrement(column: string, pointer: string): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  interface Matchers<R extends void | Promise<void> = void | Promise<void>, T = unknown> extends KeyMatchers<R> {}
}
