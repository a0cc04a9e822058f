/**
 * The shared MySQL connection pool. Complete: students use it, they never edit it.
 *
 *   import { getPool } from '../../harness/db/pool.ts';
 *   await getPool().execute('UPDATE users SET ... WHERE user_id = ?', [userId]);
 *
 * Every connection speaks utf8mb4 and UTC, and DATETIME values travel as strings
 * ('2024-01-15 10:30:00.123456'): a JavaScript Date only holds milliseconds, and
 * DATETIME(6) holds microseconds, so a Date would silently lose digits.
 *
 * JSON columns come back as parsed values (objects, arrays, numbers, strings, null), the same on
 * every server: MySQL sends its JSON type, and MariaDB, whose JSON is LONGTEXT, marks the column
 * as JSON in its extended metadata, which mysql2 asks for. Parsed values, not text, because the
 * text differs: MySQL rewrites a document (sorted keys, a space after each colon), MariaDB keeps
 * it as written. To write one, pass JSON.stringify(value) (or the plain object) to execute().
 * Large integers inside a document come back as strings (supportBigNumbers), like BIGINTs.
 */
import mysql from 'mysql2/promise';
import type { Pool, PoolConnection } from 'mysql2/promise';

export type { Pool, PoolConnection };

let databaseUrl: string | undefined;
let pool: Pool | undefined;

/** Points the pool at a database (`mysql://user:pass@host:port/db`). Closes a pool opened before. */
export async function configureDatabase(url: string): Promise<void> {
  // The new address first, then the old pool goes: whoever asks for the pool while the old one
  // is closing gets a pool on the new database, never a fresh one on the old (perhaps dropped) one.
  databaseUrl = url;
  await closePool();
}

/** The pool, opened on first use from configureDatabase() or the KATA_MYSQL_URL variable. */
export function getPool(): Pool {
  if (pool) return pool;
  const url = databaseUrl ?? process.env.KATA_MYSQL_URL;
  if (!url) {
    throw new Error(
      'No database configured: set KATA_MYSQL_URL (mysql://user:password@host:port/database) ' +
        'or run through `npm test` / `npm run service`, which set it for you.',
    );
  }
  pool = createPool(url);
  return pool;
}

/** Opens a pool with the course's session settings; used by getPool() and by the test harness. */
export function createPool(url: string, options: { connectionLimit?: number } = {}): Pool {
  const created = mysql.createPool({
    uri: url,
    charset: 'UTF8MB4_UNICODE_CI',
    timezone: 'Z',
    dateStrings: true,
    supportBigNumbers: true,
    // the JSON behaviour described at the top: parsed values on MySQL and MariaDB alike
    jsonStrings: false,
    connectionLimit: options.connectionLimit ?? 10,
    waitForConnections: true,
  });
  // NOW(6), CURRENT_TIMESTAMP and DATETIME conversions must not depend on the server's zone.
  created.pool.on('connection', (connection) => {
    connection.query("SET time_zone = '+00:00'");
  });
  return created;
}

export async function closePool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.end();
}

/**
 * Runs fn inside one transaction on one connection: COMMIT when it resolves,
 * ROLLBACK (and rethrow) when it throws. Use it when a handler writes several rows
 * that must land together (parent and child tables, in later katas).
 */
export async function withTransaction<T>(fn: (connection: PoolConnection) => Promise<T>): Promise<T> {
  const connection = await getPool().getConnection();
  try {
    await connection.beginTransaction();
    const result = await fn(connection);
    await connection.commit();
    return result;
  } catch (error) {
    await connection.rollback().catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}
