/**
 * useKataDatabase(): gives a test file its own fresh database on the test server, points the
 * harness pool (the one students' DALs use through getPool()) at it, applies the kata's tables,
 * and drops the database when the file is done.
 */
import { afterAll, beforeAll } from 'vitest';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { closePool, configureDatabase, getPool } from '../db/pool.ts';
import { exactDoubles } from '../db/exact-doubles.ts';
import { applyTables } from '../db/tables.ts';
import { createDatabase, databaseUrl, dropDatabase, newDatabaseName } from './database-admin.ts';
import { describeTable, listTables, type TableInfo } from './introspect.ts';
import { kataEnvironment } from './provided.ts';
import type { Dialect } from '../servers/start.ts';
import { exercisePointer } from './teach.ts';

export type KataDatabase = {
  readonly pool: Pool;
  readonly dialect: Dialect;
  readonly name: string;
  /** runs a query and returns its rows (DATETIME values as 'YYYY-MM-DD HH:MM:SS.ffffff' strings, UTC; DOUBLEs exact) */
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** SELECT these columns FROM table WHERE every `where` column equals its value (placeholders, in column order) */
  select<T = Record<string, unknown>>(table: string, columns: readonly string[], where?: Record<string, unknown>): Promise<T[]>;
  /** the table's definition, or undefined if it does not exist */
  describe(table: string): Promise<TableInfo | undefined>;
  /** the table's definition; fails the test with a pointer to the lesson when it does not exist */
  table(table: string, exercise: string): Promise<TableInfo>;
  /** the server's current time as DATETIME(6) text: NOW(6) */
  now(): Promise<string>;
  /**
   * Empties every table of this database (call it at the start of each test or property run).
   * The list of tables is read at the first call.
   */
  reset(): Promise<void>;
};

export type KataDatabaseOptions = {
  kata: string;
  /** the kata's CREATE TABLE statements; read lazily so a broken import fails inside the tests */
  tables?: () => readonly string[];
  /** tables a suite cannot run without, and the exercise that creates them */
  requires?: { tables: readonly string[]; exercise: string };
};

export function useKataDatabase(options: KataDatabaseOptions): KataDatabase {
  let name = '';
  let serverUrl = '';
  let tablesToReset: string[] | undefined;
  let dialect: Dialect = 'mysql';

  beforeAll(async () => {
    const environment = kataEnvironment();
    serverUrl = environment.mysqlUrl;
    dialect = environment.dialect;
    name = newDatabaseName(environment.runId);
    await createDatabase(serverUrl, name);
    await configureDatabase(databaseUrl(serverUrl, name));
    if (options.tables) await applyTables(getPool(), options.tables());
    if (options.requires) {
      const existing = new Set(await listTables(getPool()));
      const missing = options.requires.tables.filter((table) => !existing.has(table));
      if (missing.length > 0) {
        throw new Error(
          `This exercise needs the table${missing.length > 1 ? 's' : ''} ${missing.map((t) => `\`${t}\``).join(', ')}, ` +
            `which katas/${options.kata}/tables.ts does not create yet.\n` +
            `Finish exercise ${options.requires.exercise} first: ${exercisePointer(options.kata, options.requires.exercise)}`,
        );
      }
    }
  });

  afterAll(async () => {
    await closePool();
    if (name) await dropDatabase(serverUrl, name);
  });

  return {
    get pool() {
      return getPool();
    },
    get dialect() {
      return dialect;
    },
    get name() {
      return name;
    },
    async rows<T>(sql: string, params: unknown[] = []) {
      const [result] = await getPool().query<RowDataPacket[]>({ sql, typeCast: exactDoubles }, params);
      return result as T[];
    },
    async select<T>(table: string, columns: readonly string[], where: Record<string, unknown> = {}) {
      const conditions = Object.keys(where).map((column) => `\`${column}\` = ?`);
      const sql = `SELECT ${columns.map((column) => `\`${column}\``).join(', ')} FROM \`${table}\`${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
      const [result] = await getPool().query<RowDataPacket[]>({ sql, typeCast: exactDoubles }, Object.values(where));
      return result as T[];
    },
    describe(table) {
      return describeTable(getPool(), table);
    },
    async table(table, exercise) {
      const info = await describeTable(getPool(), table);
      if (info) return info;
      const statements = options.tables?.() ?? [];
      throw new Error(
        `There is no \`${table}\` table. katas/${options.kata}/tables.ts has ${statements.length} statement(s)` +
          `${statements.length === 0 ? ' (the list is still empty)' : ', and none of them creates it'}.\n` +
          `Add a CREATE TABLE IF NOT EXISTS ${table} (...) statement to the list: ${exercisePointer(options.kata, exercise)}`,
      );
    },
    async now() {
      const [result] = await getPool().query<RowDataPacket[]>('SELECT NOW(6) AS now');
      return String(result[0]?.now);
    },
    async reset() {
      const pool = getPool();
      const connection = await pool.getConnection();
      try {
        await connection.query('SET FOREIGN_KEY_CHECKS = 0');
        // DELETE rather than TRUNCATE: on a handful of rows it is several times faster
        tablesToReset ??= await listTables(pool);
        for (const table of tablesToReset) await connection.query(`DELETE FROM \`${table}\``);
        await connection.query('SET FOREIGN_KEY_CHECKS = 1');
      } finally {
        connection.release();
      }
    },
  };
}
