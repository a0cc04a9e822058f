/**
 * Reads a table's definition from information_schema, normalised so that MySQL 8.4, MariaDB 10.11
 * and MariaDB 11.x describe the same DDL the same way:
 *   - MariaDB's JSON is LONGTEXT + a json_valid CHECK (and has a utf8mb4 charset; MySQL's has none);
 *   - MySQL reports `int`, MariaDB `int(11)`; MySQL returns information_schema names in upper case;
 *   - MariaDB 11.4+ names its default collation `utf8mb4_uca1400_ai_ci` in TABLES but
 *     `uca1400_ai_ci` in the COLLATIONS tables, so a join on the name finds no charset there;
 *   - MySQL writes CURRENT_TIMESTAMP(6) and a DEFAULT_GENERATED marker where MariaDB writes
 *     current_timestamp(6); MariaDB quotes string defaults and reports no default as 'NULL'.
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';

export type ColumnInfo = {
  name: string;
  /** normalised: 'varchar(24)', 'datetime(6)', 'int', 'text', 'json', 'decimal(10,2)', 'double' ... */
  type: string;
  nullable: boolean;
  default: string | null;
  /** 'auto_increment' etc., lower case, '' when nothing */
  extra: string;
  charset: string | null;
};

export type IndexInfo = { name: string; columns: string[]; unique: boolean };

export type ForeignKeyInfo = {
  name: string;
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  /** 'CASCADE', 'SET NULL', 'RESTRICT' (MySQL's NO ACTION is reported as RESTRICT: they behave alike in InnoDB) */
  onDelete: string;
  onUpdate: string;
};

export type TableInfo = {
  name: string;
  engine: string;
  /** the table's default character set, e.g. 'utf8mb4' */
  charset: string;
  columns: ColumnInfo[];
  primaryKey: string[];
  /** secondary indexes and unique keys, without the primary key */
  indexes: IndexInfo[];
  foreignKeys: ForeignKeyInfo[];
};

export async function listTables(pool: Pool): Promise<string[]> {
  const [rows] = await pool.query<RowDataPacket[]>(
    'SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME',
  );
  return rows.map((row) => String(row.name));
}

/**
 * The current database's tables in an order that deletes children before their parents (each
 * table after every table whose foreign key points at it); undefined when the foreign keys form
 * a cycle or a table refers to itself (no such order exists).
 */
export async function tablesChildrenFirst(pool: Pool): Promise<string[] | undefined> {
  const tables = await listTables(pool);
  const [references] = await pool.query<RowDataPacket[]>(
    `SELECT TABLE_NAME AS child, REFERENCED_TABLE_NAME AS parent
       FROM information_schema.REFERENTIAL_CONSTRAINTS
      WHERE CONSTRAINT_SCHEMA = DATABASE()`,
  );
  const children = new Map(tables.map((table) => [table, new Set<string>()]));
  for (const { child, parent } of references) {
    if (child === parent) return undefined;
    children.get(String(parent))?.add(String(child));
  }
  const order: string[] = [];
  const placing = new Set<string>();
  const place = (table: string): boolean => {
    if (order.includes(table)) return true;
    if (placing.has(table)) return false;
    placing.add(table);
    for (const child of children.get(table) ?? []) if (!place(child)) return false;
    order.push(table);
    return true;
  };
  for (const table of tables) if (!place(table)) return undefined;
  return order;
}

/** The table's definition, or undefined when no such table exists in the current database. */
export async function describeTable(pool: Pool, table: string): Promise<TableInfo | undefined> {
  const [tables] = await pool.query<(RowDataPacket & { engine: string; collation: string })[]>(
    `SELECT ENGINE AS engine, TABLE_COLLATION AS collation
       FROM information_schema.TABLES
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?`,
    [table],
  );
  if (!tables[0]) return undefined;
  const summary = tableSummary(tables[0]);

  const [columns] = await pool.query<RowDataPacket[]>(
    `SELECT COLUMN_NAME AS name, DATA_TYPE AS dataType, COLUMN_TYPE AS columnType, IS_NULLABLE AS nullable,
            COLUMN_DEFAULT AS defaultValue, EXTRA AS extra, CHARACTER_MAXIMUM_LENGTH AS maxLength,
            NUMERIC_PRECISION AS numericPrecision, NUMERIC_SCALE AS numericScale,
            DATETIME_PRECISION AS datetimePrecision, CHARACTER_SET_NAME AS charset
       FROM information_schema.COLUMNS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?
      ORDER BY ORDINAL_POSITION`,
    [table],
  );
  const jsonColumns = await jsonCheckedColumns(pool, table);

  const [statistics] = await pool.query<RowDataPacket[]>(
    `SELECT INDEX_NAME AS name, COLUMN_NAME AS columnName, NON_UNIQUE AS nonUnique
       FROM information_schema.STATISTICS
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?
      ORDER BY INDEX_NAME, SEQ_IN_INDEX`,
    [table],
  );
  const byName = new Map<string, IndexInfo>();
  for (const row of statistics) {
    const name = String(row.name);
    const index = byName.get(name) ?? { name, columns: [], unique: Number(row.nonUnique) === 0 };
    index.columns.push(String(row.columnName));
    byName.set(name, index);
  }

  // Two single-table queries, each filtered by constants on its own schema and table, never one
  // JOIN: in a JOIN, MariaDB 10.11 cannot narrow REFERENTIAL_CONSTRAINTS by the other side's
  // schema, so it opens every schema's tables to fill it, views of the sys schema included, and
  // that nested open segfaults now and then under parallel suites (ha_maria::drop_table in
  // create_tmp_table_for_schema's cleanup; measured: 3 crashes in one CI column's first 2 minutes).
  const [keys] = await pool.query<RowDataPacket[]>(
    `SELECT CONSTRAINT_NAME AS name, COLUMN_NAME AS columnName, REFERENCED_TABLE_NAME AS referencedTable,
            REFERENCED_COLUMN_NAME AS referencedColumn
       FROM information_schema.KEY_COLUMN_USAGE
      WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND REFERENCED_TABLE_NAME IS NOT NULL
      ORDER BY CONSTRAINT_NAME, ORDINAL_POSITION`,
    [table],
  );
  const [rules] = keys.length === 0
    ? [[] as RowDataPacket[]]
    : await pool.query<RowDataPacket[]>(
        `SELECT CONSTRAINT_NAME AS name, DELETE_RULE AS onDelete, UPDATE_RULE AS onUpdate
           FROM information_schema.REFERENTIAL_CONSTRAINTS
          WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ?`,
        [table],
      );
  const ruleOf = new Map(rules.map((row) => [String(row.name), row]));
  const foreignKeys = new Map<string, ForeignKeyInfo>();
  for (const row of keys) {
    const name = String(row.name);
    const rule = ruleOf.get(name);
    if (!rule) throw new Error(`information_schema lists foreign key ${name} of ${table} in KEY_COLUMN_USAGE but not in REFERENTIAL_CONSTRAINTS`);
    const key = foreignKeys.get(name) ?? {
      name,
      columns: [],
      referencedTable: String(row.referencedTable),
      referencedColumns: [],
      onDelete: normaliseRule(String(rule.onDelete)),
      onUpdate: normaliseRule(String(rule.onUpdate)),
    };
    key.columns.push(String(row.columnName));
    key.referencedColumns.push(String(row.referencedColumn));
    foreignKeys.set(name, key);
  }

  return {
    name: table,
    engine: summary.engine,
    charset: summary.charset,
    columns: columns.map((row) => {
      const type = normaliseType(row, jsonColumns.has(String(row.name)));
      return {
        name: String(row.name),
        type,
        nullable: row.nullable === 'YES',
        default: normaliseDefault(row.defaultValue),
        extra: normaliseExtra(row.extra),
        // JSON has no character set on MySQL; MariaDB's LONGTEXT has utf8mb4
        charset: row.charset === null || type === 'json' ? null : String(row.charset),
      };
    }),
    primaryKey: byName.get('PRIMARY')?.columns ?? [],
    indexes: [...byName.values()].filter((index) => index.name !== 'PRIMARY'),
    foreignKeys: [...foreignKeys.values()],
  };
}

/**
 * The table's engine and default character set from its information_schema.TABLES row. The
 * charset comes from the collation's name, which starts with it on every server
 * ('utf8mb4_0900_ai_ci', 'utf8mb4_unicode_ci', 'utf8mb4_uca1400_ai_ci', 'latin1_swedish_ci');
 * only 'binary' is a charset and a collation at once.
 */
export function tableSummary(row: { engine: unknown; collation: unknown }): { engine: string; charset: string } {
  return { engine: String(row.engine), charset: charsetOfCollation(String(row.collation)) };
}

export function charsetOfCollation(collation: string): string {
  const underscore = collation.indexOf('_');
  return underscore === -1 ? collation : collation.slice(0, underscore);
}

function normaliseType(row: RowDataPacket, isJson: boolean): string {
  const dataType = String(row.dataType).toLowerCase();
  if (isJson || dataType === 'json') return 'json';
  switch (dataType) {
    case 'varchar':
    case 'char':
    case 'varbinary':
    case 'binary':
      return `${dataType}(${row.maxLength})`;
    case 'datetime':
    case 'timestamp':
    case 'time':
      return Number(row.datetimePrecision) > 0 ? `${dataType}(${row.datetimePrecision})` : dataType;
    case 'decimal':
      return `decimal(${row.numericPrecision},${row.numericScale})`;
    case 'tinyint':
      // BOOLEAN is TINYINT(1) on both servers; keep the width only there
      return /tinyint\(1\)/i.test(String(row.columnType)) ? 'tinyint(1)' : 'tinyint';
    case 'enum':
    case 'set':
      return String(row.columnType).toLowerCase();
    default:
      // int, bigint, double, text, longtext...: MySQL 8 drops display widths, MariaDB keeps them
      return /unsigned/i.test(String(row.columnType)) ? `${dataType} unsigned` : dataType;
  }
}

/** MariaDB stores `JSON` as LONGTEXT with a CHECK (json_valid(col)) constraint. */
export async function jsonCheckedColumns(pool: Pool, table: string): Promise<Set<string>> {
  try {
    const [rows] = await pool.query<RowDataPacket[]>(
      `SELECT CHECK_CLAUSE AS clause FROM information_schema.CHECK_CONSTRAINTS
        WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ?`,
      [table],
    );
    const names = new Set<string>();
    for (const row of rows) {
      const match = /json_valid\(`?(\w+)`?\)/i.exec(String(row.clause));
      if (match) names.add(match[1]!);
    }
    return names;
  } catch (error) {
    // MySQL's CHECK_CONSTRAINTS has no TABLE_NAME column (ER_BAD_FIELD_ERROR, 1054); MySQL reports
    // JSON as json anyway. Any other error (a lost connection, a typo here) is a real failure.
    if ((error as { errno?: number }).errno === 1054) return new Set();
    throw error;
  }
}

export function normaliseDefault(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  // MariaDB reports a NULL default as the string 'NULL' and quotes string literals
  if (text === 'NULL') return null;
  // MySQL: CURRENT_TIMESTAMP(6) / CURRENT_TIMESTAMP; MariaDB: current_timestamp(6) / current_timestamp()
  if (/^current_timestamp(\(\d?\))?$/i.test(text)) return text.toLowerCase().replace('()', '');
  return text.replace(/^'(.*)'$/s, '$1');
}

/** Lower case, without MySQL's DEFAULT_GENERATED marker: 'on update current_timestamp(6)', 'auto_increment'. */
export function normaliseExtra(value: unknown): string {
  return String(value ?? '')
    .toLowerCase()
    .replace(/\bdefault_generated\b/, '')
    .replace('current_timestamp()', 'current_timestamp')
    .trim();
}

function normaliseRule(rule: string): string {
  return rule === 'NO ACTION' ? 'RESTRICT' : rule;
}
