/**
 * useKataDatabase(): gives a test file its own fresh database on the test server, points the
 * harness pool (the one students' DALs use through getPool()) at it, applies the kata's tables,
 * and drops the database when the file is done. It also watches the pool for connections that
 * are never given back (connection-leaks.ts), for statements that wait on a transaction's
 * locks (lock-waits.ts) and for statements still running when the test looks at the database
 * (a missing await, unawaited-statements.ts), fails a test that left any behind with a message
 * naming it, and opens a fresh pool before the next test when one ran dry, so that a leak fails
 * the test that caused it and no other. No mistake of these kinds waits for vitest's test timeout.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { closePool, configureDatabase, getPool } from '../db/pool.ts';
import { kataTypeCast } from './json.ts';
import { applyTables } from '../db/tables.ts';
import { createDatabase, databaseUrl, dropDatabase, newDatabaseName } from './database-admin.ts';
import { describeTable, listTables, tablesChildrenFirst, type TableInfo } from './introspect.ts';
import { kataEnvironment } from './provided.ts';
import type { Dialect } from '../servers/start.ts';
import { exercisePointer } from './teach.ts';
import { watchConnections, type ConnectionWatch } from './connection-leaks.ts';
import { LOCK_WAIT_SETTING, watchLockWaits, type LockWatch } from './lock-waits.ts';
import { UnawaitedStatementError } from './unawaited-statements.ts';
import { recordStatements, type SentStatement } from './statements.ts';


export type KataDatabase = {
  readonly pool: Pool;
  readonly dialect: Dialect;
  readonly name: string;
  /** runs a query and returns its rows (DATETIME values as 'YYYY-MM-DD HH:MM:SS.ffffff' strings, UTC; DOUBLEs exact; JSON parsed, the document null as JSON_NULL) */
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
  /**
   * Arranges rows with plain SQL the harness owns (one INSERT per row, the row's keys as the
   * columns), so that a test of one DAL method never depends on another method under test.
   */
  insert(table: string, rows: readonly Readonly<Record<string, unknown>>[]): Promise<void>;
  /** Runs fn and returns, with its result, the statements it sent to this database (statements.ts). */
  sent<T>(fn: () => Promise<T>): Promise<{ result: T; statements: SentStatement[] }>;
  /**
   * The statements the code under test sent through getPool() while a transaction of its own was
   * open on another connection, since the last call (or the test's start): statements that
   * belonged inside the transaction and ran outside it (lock-waits.ts).
   */
  sentBesideTransaction(): string[];
  /**
   * Runs fn with a fresh pool whose connections refuse to write (SET SESSION TRANSACTION READ
   * ONLY): every INSERT, UPDATE and DELETE fails, as on a server that is failing over. A fresh
   * pool again afterwards. (Not a RENAME TABLE: MariaDB 10.11 can crash when one runs while
   * another connection reads information_schema.)
   */
  whileWritesFail<T>(fn: () => Promise<T>): Promise<T>;
};

/**
 * How long a statement waits for a connection, on a dry pool, in a file where an earlier test
 * already ran the pool dry (connection-leaks.ts waits a second for the first): eight tests of a
 * DAL that never releases took 14.9 s to go red, each waiting its second.
 */
const KNOWN_LEAK_PATIENCE_MS = 150;

/** How long a connection still out at the end of a test may take to come back (a statement finishing). */
const UNRETURNED_GRACE_MS = 500;

function connectionNeverReturned(message: string): Error {
  const error = new Error(message);
  error.name = 'ConnectionNeverReturned';
  return error;
}

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
  /** the tables reset() empties, children first; or, when the foreign keys allow no such order, with their checks off */
  let tablesToReset: { order: string[]; checksOff: boolean } | undefined;
  let dialect: Dialect = 'mysql';
  let watch: ConnectionWatch | undefined;
  let locks: LockWatch | undefined;
  /** a test of this file already ran the pool dry: the code under test does not give connections back */
  let leaking = false;

  /**
   * Before the test looks at the database (or arranges it): a statement of the code under test
   * still running means a method returned without awaiting it (unawaited-statements.ts). Not in
   * an end-to-end file, whose service runs its statements beside the test by design.
   */
  async function nothingRunning(): Promise<void> {
    if (expect.getState().testPath?.endsWith('.e2e.test.ts')) return;
    const running = (await locks?.unfinished()) ?? [];
    if (running.length > 0) throw new UnawaitedStatementError(running, 'check');
  }

  async function openPool(): Promise<void> {
    await configureDatabase(databaseUrl(serverUrl, name));
    const pool = getPool();
    // a statement waiting on a transaction's locks fails in seconds, not after 50 (lock-waits.ts)
    (pool.pool as unknown as { on(event: 'connection', listener: (connection: { query(sql: string): unknown }) => void): void }).on('connection', (connection) => {
      connection.query(LOCK_WAIT_SETTING);
    });
    // once a leak is known, the next tests need not wait a whole second each to find it again
    watch = watchConnections(pool, leaking ? { patienceMs: KNOWN_LEAK_PATIENCE_MS } : {});
    locks = watchLockWaits(pool);
  }

  beforeAll(async () => {
    const environment = kataEnvironment();
    serverUrl = environment.mysqlUrl;
    dialect = environment.dialect;
    name = newDatabaseName(environment.runId);
    await createDatabase(serverUrl, name);
    await openPool();
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

  // A pool that ran dry (connections taken and never released) is replaced before the next test.
  beforeEach(async () => {
    if (watch?.dry) {
      leaking = true;
      await openPool();
    }
    await watch?.unreturned(0);
    locks?.takeWaits();
    locks?.takeStatementsBeside();
  });

  // A test that passed although a connection never came back, or a statement waited on locks
  // (an error the code under test caught and swallowed), fails here, with the reason. (The
  // end-to-end suites' service keeps its connections busy between tests: they are left out.)
  afterEach(async (context) => {
    if (expect.getState().testPath?.endsWith('.e2e.test.ts')) return;
    const waits = locks?.takeWaits() ?? [];
    const running = (await locks?.unfinished()) ?? [];
    // a grace for a statement still finishing, unless nothing can come of it: the test failed
    // already, or the pool ran dry (those connections never come back)
    const failed = context.task.result?.state === 'fail';
    const unreturned = await watch?.unreturned(failed || watch.dry ? 0 : UNRETURNED_GRACE_MS);
    if (failed) return;
    if (running.length > 0) throw new UnawaitedStatementError(running, 'check');
    if (waits.length > 0) throw new Error(waits[0]);
    if (unreturned) throw connectionNeverReturned(unreturned);
  });

  afterAll(async () => {
    // statements nobody awaited finish before the pool closes (else: "Pool is closed", unhandled)
    await locks?.unfinished();
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
      await nothingRunning();
      const [result] = await getPool().query<RowDataPacket[]>({ sql, typeCast: kataTypeCast }, params);
      return result as T[];
    },
    async select<T>(table: string, columns: readonly string[], where: Record<string, unknown> = {}) {
      await nothingRunning();
      const conditions = Object.keys(where).map((column) => `\`${column}\` = ?`);
      const sql = `SELECT ${columns.map((column) => `\`${column}\``).join(', ')} FROM \`${table}\`${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
      const [result] = await getPool().query<RowDataPacket[]>({ sql, typeCast: kataTypeCast }, Object.values(where));
      return result as T[];
    },
    async describe(table) {
      await nothingRunning();
      return describeTable(getPool(), table);
    },
    async table(table, exercise) {
      await nothingRunning();
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
      await nothingRunning();
      const [result] = await getPool().query<RowDataPacket[]>('SELECT NOW(6) AS now');
      return String(result[0]?.now);
    },
    async reset() {
      await nothingRunning();
      const pool = getPool();
      // Children first: no foreign key check to switch off and on, half the round trips of a
      // property case's reset (it runs before every case). DELETE rather than TRUNCATE: on a
      // handful of rows it is several times faster.
      if (!tablesToReset) {
        const order = await tablesChildrenFirst(pool);
        tablesToReset = order ? { order, checksOff: false } : { order: await listTables(pool), checksOff: true };
      }
      const { order, checksOff } = tablesToReset;
      if (!checksOff) {
        for (const table of order) await pool.query(`DELETE FROM \`${table}\``);
        return;
      }
      const connection = await pool.getConnection();
      try {
        await connection.query('SET FOREIGN_KEY_CHECKS = 0');
        for (const table of order) await connection.query(`DELETE FROM \`${table}\``);
        await connection.query('SET FOREIGN_KEY_CHECKS = 1');
      } finally {
        connection.release();
      }
    },
    async insert(table, rows) {
      await nothingRunning();
      for (const row of rows) {
        const columns = Object.keys(row);
        const sql = `INSERT INTO \`${table}\` (${columns.map((column) => `\`${column}\``).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
        await getPool().execute(sql, Object.values(row) as (string | number | null)[]);
      }
    },
    sent(fn) {
      return recordStatements(name, fn);
    },
    sentBesideTransaction() {
      return locks?.takeStatementsBeside() ?? [];
    },
    async whileWritesFail(fn) {
      await nothingRunning();
      await openPool();
      (getPool().pool as unknown as { on(event: 'connection', listener: (connection: { query(sql: string): unknown }) => void): void }).on('connection', (connection) => {
        connection.query('SET SESSION TRANSACTION READ ONLY');
      });
      try {
        let failure: { error: unknown } | undefined;
        let result: Awaited<ReturnType<typeof fn>> | undefined;
        try {
          result = await fn();
        } catch (error) {
          failure = { error };
        }
        // a method that did not await its statement resolved before the refusal reached it: that
        // is the mistake to name, not "promise resolved instead of rejecting"
        await nothingRunning();
        if (failure) throw failure.error;
        return result!;
      } finally {
        await locks?.unfinished();
        await openPool();
      }
    },
  };
}
