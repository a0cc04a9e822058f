/**
 * Column defaults read back from information_schema.COLUMNS, compared the same way on MySQL and
 * MariaDB. The two servers spell the same DEFAULT differently:
 *
 *   DDL                                  MySQL 8.4 / 9.x                    MariaDB 10.11 / 11.x
 *   DEFAULT 1                            '1'                                '1'
 *   DEFAULT 'pending'                    'pending'                          "'pending'" (quoted, '' for ')
 *   DEFAULT CURRENT_TIMESTAMP(6)         'CURRENT_TIMESTAMP(6)' + EXTRA     'current_timestamp(6)'
 *                                        DEFAULT_GENERATED
 *   DEFAULT NULL, or a NULL column       NULL                               'NULL'
 *     without a DEFAULT clause
 *   NOT NULL without a DEFAULT clause    NULL                               NULL
 *
 * So MySQL tells a literal from an expression by EXTRA, MariaDB by quotes; MySQL tells "no
 * default" from "DEFAULT NULL" only by IS_NULLABLE (a NULL column always has DEFAULT NULL).
 * (introspect.ts's normaliseDefault() keeps one string per default and cannot tell the text
 * 'NULL' or 'current_timestamp' from the real thing; this module keeps the kind.)
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';

export type ColumnDefault =
  /** NOT NULL and no DEFAULT clause: an INSERT that leaves the column out is refused (strict mode) */
  | { kind: 'none' }
  /** DEFAULT NULL, which a NULL column without a DEFAULT clause has too */
  | { kind: 'null' }
  /** a constant: DEFAULT 1, DEFAULT 'pending', DEFAULT 0.00, as the server writes it back, unquoted */
  | { kind: 'literal'; value: string }
  /** an expression evaluated at each insert, lower case, without spaces: 'current_timestamp(6)' */
  | { kind: 'expression'; sql: string };

export type RawColumnDefault = { columnDefault: string | null; nullable: boolean; extra: string };

/** The column's default, from its information_schema.COLUMNS row, on either server. */
export function columnDefaultOf(raw: RawColumnDefault, server: 'mysql' | 'mariadb'): ColumnDefault {
  const { columnDefault, nullable, extra } = raw;
  if (columnDefault === null) return nullable ? { kind: 'null' } : { kind: 'none' };
  if (server === 'mariadb') {
    if (columnDefault === 'NULL') return { kind: 'null' };
    const quoted = /^'(.*)'$/s.exec(columnDefault);
    if (quoted) return { kind: 'literal', value: quoted[1]!.replaceAll("''", "'").replaceAll('\\\\', '\\') };
    // unquoted: a number, or an expression
    return /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(columnDefault) ? { kind: 'literal', value: columnDefault } : { kind: 'expression', sql: normaliseExpression(columnDefault) };
  }
  return /\bDEFAULT_GENERATED\b/i.test(extra) ? { kind: 'expression', sql: normaliseExpression(columnDefault) } : { kind: 'literal', value: columnDefault };
}

/** CURRENT_TIMESTAMP(6), current_timestamp(6), now(6), (now(6)) -> current_timestamp(6); current_timestamp() -> current_timestamp. */
export function normaliseExpression(sql: string): string {
  let text = sql.toLowerCase().replace(/\s+/g, '');
  while (/^\(.*\)$/.test(text)) text = text.slice(1, -1);
  return text
    .replace(/\b(now|localtimestamp|localtime)\b/g, 'current_timestamp')
    .replace(/current_timestamp\(\)/g, 'current_timestamp');
}

/** Every column's default, by column name, in the current database. */
export async function readColumnDefaults(pool: Pool, table: string): Promise<Map<string, ColumnDefault>> {
  const [[version]] = await pool.query<RowDataPacket[]>('SELECT VERSION() AS version');
  const server = /mariadb/i.test(String(version?.version)) ? 'mariadb' : 'mysql';
  const [rows] = await pool.query<RowDataPacket[]>(
    `SELECT COLUMN_NAME AS name, COLUMN_DEFAULT AS columnDefault, IS_NULLABLE AS nullable, EXTRA AS extra
       FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?
      ORDER BY ORDINAL_POSITION`,
    [table],
  );
  return new Map(
    rows.map((row) => [
      String(row.name),
      columnDefaultOf({ columnDefault: row.columnDefault === null ? null : String(row.columnDefault), nullable: row.nullable === 'YES', extra: String(row.extra ?? '') }, server),
    ]),
  );
}

/** How a default reads in a CREATE TABLE: 'DEFAULT 1', "DEFAULT 'pending'", 'no DEFAULT'. */
export function describeDefault(value: ColumnDefault | undefined): string {
  switch (value?.kind) {
    case undefined:
      return '(no such column)';
    case 'none':
      return 'no DEFAULT';
    case 'null':
      return 'DEFAULT NULL';
    case 'literal':
      return `DEFAULT ${/^[+-]?[\d.]+$/.test(value.value) ? value.value : `'${value.value.replaceAll("'", "''")}'`}`;
    case 'expression':
      return `DEFAULT ${value.sql.toUpperCase()}`;
  }
}

/**
 * Literals compare by value where both read as numbers (DEFAULT 1 on an INT column and
 * DEFAULT '1' are the same default: the server stores the number).
 */
export function sameDefault(a: ColumnDefault | undefined, b: ColumnDefault | undefined): boolean {
  if (!a || !b || a.kind !== b.kind) return false;
  if (a.kind === 'literal' && b.kind === 'literal') {
    const numeric = (text: string) => text.trim() !== '' && Number.isFinite(Number(text));
    return a.value === b.value || (numeric(a.value) && numeric(b.value) && Number(a.value) === Number(b.value));
  }
  if (a.kind === 'expression' && b.kind === 'expression') return a.sql === b.sql;
  return true;
}

/**
 * Throws, with one ✗ line per column whose default differs, when the table's defaults are not
 * the expected ones. Columns not named in `expected` are not compared.
 */
export function assertColumnDefaults(table: string, found: ReadonlyMap<string, ColumnDefault>, expected: Readonly<Record<string, ColumnDefault>>, pointer: string): void {
  const lines = Object.entries(expected)
    .filter(([column, want]) => !sameDefault(found.get(column), want))
    .map(([column, want]) => `  ✗ ${column}: expected ${describeDefault(want)}, found ${describeDefault(found.get(column))}`);
  if (lines.length > 0) {
    throw new Error(`${table}: column defaults differ from the course's (read back from information_schema.COLUMNS):\n${lines.join('\n')}\n${pointer}`);
  }
}
