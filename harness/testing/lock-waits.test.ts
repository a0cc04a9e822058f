/** A statement that waits on its own transaction's locks fails in seconds, naming the mistake. */
import { describe, expect, it } from 'vitest';
import type { Pool, PoolConnection } from 'mysql2/promise';
import { createPool } from '../db/pool.ts';
import { databaseUrl } from './database-admin.ts';
import { useKataDatabase } from './database.ts';
import { LOCK_WAIT_SETTING, ranBesideTheTransaction, watchLockWaits } from './lock-waits.ts';
import { isNotAboutTheData } from './properties.ts';
import { alreadyExplained } from './unawaited-statements.ts';
import { kataEnvironment } from './provided.ts';

const db = useKataDatabase({ kata: 'harness', tables: () => ['CREATE TABLE variants (product_id INT NOT NULL, variant_key VARCHAR(8) NOT NULL, PRIMARY KEY (product_id, variant_key)) ENGINE=InnoDB'] });

describe('watchLockWaits', () => {
  it("adds the lesson's words to SQL the server cannot read: a value pasted into the text, most often", async () => {
    // the test pool is watched (database.ts): a statement with a pasted value that holds a quote
    const name = "O'Brien";
    const error = (await db.pool.query(`INSERT INTO variants (product_id, variant_key) VALUES (1, '${name}')`).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^You have an error in your SQL syntax/);
    expect(error.message).toContain('A value pasted into the SQL text (string concatenation, a template literal) breaks it as soon as the value holds a quote');
    expect(error.message).toContain('"Placeholders, never pasted values"');
  });

  it('says what a count mismatch means: a row of VALUES with a ? too few, a statement with more ?s than values', async () => {
    const rows = (await db.pool.execute('INSERT INTO variants (product_id, variant_key) VALUES (?, ?), (?)', [1, 'a', 2]).catch((e: unknown) => e)) as Error;
    expect(rows.message).toMatch(/^Column count doesn't match value count at row/);
    expect(rows.message).toContain('The INSERT names 2 columns, and a row of its VALUES holds 1 value');
    // a function's own parentheses are not a row
    const nested = (await db.pool.execute('INSERT INTO variants (product_id, variant_key) VALUES (?, CONCAT(?, ?)), (?, ?, ?)', [1, 'a', 'b', 2, 'c', 'd']).catch((e: unknown) => e)) as Error;
    expect(nested.message).toContain('The INSERT names 2 columns, and a row of its VALUES holds 3 values');
    const values = (await db.pool.execute('INSERT INTO variants (product_id, variant_key) VALUES (?, ?)', [1]).catch((e: unknown) => e)) as Error;
    expect(values.message).toContain('a different number of ? placeholders than the values sent with it');
  });

  it('turns the lock wait of an INSERT sent beside its transaction into an error that names the DELETE it waited on; later statements fail at once', async () => {
    await db.reset();
    await db.insert('variants', [{ product_id: 1, variant_key: 'a' }]);
    const pool = createPool(databaseUrl(kataEnvironment().mysqlUrl, db.name), { connectionLimit: 3 });
    (pool.pool as unknown as { on(event: 'connection', listener: (connection: { query(sql: string): unknown }) => void): void }).on('connection', (connection) => {
      connection.query(LOCK_WAIT_SETTING);
    });
    const watch = watchLockWaits(pool);
    const connection = await pool.getConnection();
    try {
      await connection.beginTransaction();
      await connection.execute('DELETE FROM variants WHERE product_id = ?', [1]);
      const started = performance.now();
      const error = (await pool.execute('INSERT INTO variants (product_id, variant_key) VALUES (?, ?)', [1, 'a']).catch((e: unknown) => e)) as Error;
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(error.name).toBe('WaitedOnItsOwnLocks');
      expect(error.message).toContain('So the INSERT ran on another connection than the DELETE, and waited on its locks');
      expect(error.message).toContain('DELETE FROM variants WHERE product_id = ?');
      expect(isNotAboutTheData(error)).toBe(true);
      await expect(pool.query('SELECT 1')).rejects.toThrow(/waited 2 s for a row lock/);
      expect(watch.takeWaits()).toHaveLength(1);
      await expect(pool.query('SELECT 1 AS one')).resolves.toEqual([[{ one: 1 }], expect.anything()]);
    } finally {
      await connection.rollback();
      connection.release();
      await pool.end();
    }
  });

  /** A watched pool of three on the test's database, and one connection of it, for `work`. */
  async function onWatchedConnection(work: (connection: PoolConnection, pool: Pool) => Promise<void>): Promise<void> {
    await db.reset();
    const pool = createPool(databaseUrl(kataEnvironment().mysqlUrl, db.name), { connectionLimit: 3 });
    watchLockWaits(pool);
    const connection = await pool.getConnection();
    try {
      await work(connection, pool);
    } finally {
      connection.release();
      await pool.end();
    }
  }
  const INSERT = 'INSERT INTO variants (product_id, variant_key) VALUES (?, ?)';

  it('fails a COMMIT that statements of its transaction, not awaited, would pass by: they finish first, the transaction rolls back, and no error is left unhandled', () =>
    onWatchedConnection(async (connection, pool) => {
      await connection.beginTransaction();
      // the second INSERT of 'a' repeats the first one's key: its rejection has no handler of the caller's
      for (const key of ['a', 'b', 'a']) void connection.execute(INSERT, [1, key]);
      const error = (await connection.commit().catch((e: unknown) => e)) as Error;
      expect(error.name).toBe('StatementNotAwaited');
      expect(error.message).toContain('The transaction reached its COMMIT while 3 statements it had started were still running');
      expect(error.message).toContain(`${INSERT} (3 times)`);
      expect(isNotAboutTheData(error)).toBe(true);
      await expect(pool.query('SELECT COUNT(*) AS n FROM variants')).resolves.toEqual([[{ n: 0 }], expect.anything()]);
    }));

  it('lets a COMMIT through once every statement was awaited, Promise.all included', () =>
    onWatchedConnection(async (connection, pool) => {
      await connection.beginTransaction();
      await Promise.all(['a', 'b'].map((key) => connection.execute(INSERT, [1, key])));
      await connection.commit();
      await expect(pool.query('SELECT COUNT(*) AS n FROM variants')).resolves.toEqual([[{ n: 2 }], expect.anything()]);
    }));

  it('notes the statements sent through the pool while a transaction was open (they commit on their own), and none once it ended', async () => {
    await db.reset();
    const pool = createPool(databaseUrl(kataEnvironment().mysqlUrl, db.name), { connectionLimit: 3 });
    const watch = watchLockWaits(pool);
    const connection = await pool.getConnection();
    try {
      await connection.beginTransaction();
      await pool.execute(INSERT, [1, 'a']);
      await connection.execute(INSERT, [1, 'b']);
      await connection.rollback();
      await pool.execute(INSERT, [1, 'c']);
      expect(watch.takeStatementsBeside()).toEqual([INSERT]);
      expect(watch.takeStatementsBeside()).toEqual([]);
      const note = ranBesideTheTransaction([INSERT, INSERT]);
      expect(note).toContain('These statements went through getPool() while the transaction was open');
      expect(note.match(/INSERT INTO variants/g)).toHaveLength(1);
      // the rollback undid 'b' only
      await expect(pool.query('SELECT variant_key FROM variants ORDER BY variant_key')).resolves.toEqual([[{ variant_key: 'a' }, { variant_key: 'c' }], expect.anything()]);
    } finally {
      connection.release();
      await pool.end();
    }
  });

  it('names the statements a caller did not await, once they finished, and keeps their errors from surfacing as unhandled', async () => {
    await db.reset();
    const pool = createPool(databaseUrl(kataEnvironment().mysqlUrl, db.name), { connectionLimit: 3 });
    const watch = watchLockWaits(pool);
    try {
      const insert = (key: string) => pool.execute('INSERT INTO variants (product_id, variant_key) VALUES (?, ?)', [1, key]);
      // a DAL method that forgot its await: the second INSERT repeats the key, and fails with nobody listening
      const callback = async () => {
        await insert('a');
      };
      void callback();
      void callback();
      const running = await watch.unfinished();
      expect(running).toEqual(['INSERT INTO variants (product_id, variant_key) VALUES (?, ?)', 'INSERT INTO variants (product_id, variant_key) VALUES (?, ?)']);
      expect(await watch.unfinished()).toEqual([]);
      expect(alreadyExplained(await insert('a').catch((e: unknown) => e))).toBe(false);
    } finally {
      await pool.end();
    }
  });
});
