/**
 * databaseUnavailable() on the errors mysql2 really raises: the database's fault (wait and try
 * again) or the event's (dead-letter it). Every error here comes from the test server.
 */
import { afterAll, describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { createPool, getPool } from '../db/pool.ts';
import { freePort } from '../servers/local-support.ts';
import { databaseUrl } from '../testing/database-admin.ts';
import { useKataDatabase } from '../testing/database.ts';
import { kataEnvironment } from '../testing/provided.ts';
import { databaseUnavailable } from './database-errors.ts';

const db = useKataDatabase({
  kata: 'harness',
  tables: () => ['CREATE TABLE accounts (id INT PRIMARY KEY, email VARCHAR(20) NOT NULL, seen DATETIME(6) NULL) DEFAULT CHARSET=utf8mb4'],
});

/** The error a promise rejects with (fails the test if it resolves). */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the statement to fail'),
    (error: unknown) => error,
  );
}

/**
 * The connections these tests provoke lock waits and deadlocks on come from a pool of their own:
 * the test pool (getPool) turns a lock wait into a teaching error for students (lock-waits.ts),
 * and here the raw error is the subject.
 */
let raw: mysql.Pool | undefined;
afterAll(async () => {
  await raw?.end();
});
async function connection(): Promise<mysql.PoolConnection> {
  raw ??= createPool(databaseUrl(kataEnvironment().mysqlUrl, db.name), { connectionLimit: 4 });
  return raw.getConnection();
}

describe('databaseUnavailable: the database is to blame', () => {
  it('a server that refuses connections (stopped, restarting)', async () => {
    const nobody = createPool(`mysql://root@127.0.0.1:${await freePort()}/x`, { connectionLimit: 1 });
    try {
      const error = await failure(nobody.execute('SELECT 1'));
      expect(databaseUnavailable(error)).toMatch(/^ECONNREFUSED: /);
    } finally {
      await nobody.end();
    }
  });

  it('a connection the server closed (killed, shut down)', async () => {
    const victim = await connection();
    const [[{ id }]] = (await victim.query('SELECT CONNECTION_ID() AS id')) as unknown as [[{ id: number }]];
    await getPool().query(`KILL ${Number(id)}`);
    const error = await failure(victim.query('SELECT 1'));
    victim.destroy();
    // depending on who notices first: the server's 1927 ER_CONNECTION_KILLED (MariaDB), a lost
    // connection, or a write to a socket the server already closed
    expect(databaseUnavailable(error)).toMatch(/^(PROTOCOL_CONNECTION_LOST|ER_CONNECTION_KILLED|ER_CLIENT_INTERACTION_TIMEOUT|CR_SERVER_LOST|EPIPE|ECONNRESET|connection closed)\b/);
  });

  it('a lock wait timeout', async () => {
    await db.reset();
    await getPool().execute("INSERT INTO accounts (id, email) VALUES (1, 'a@example.com')");
    const [holder, waiter] = [await connection(), await connection()];
    try {
      await holder.beginTransaction();
      await holder.execute("UPDATE accounts SET email = 'h@example.com' WHERE id = 1");
      await waiter.query('SET SESSION innodb_lock_wait_timeout = 1');
      const error = await failure(waiter.execute("UPDATE accounts SET email = 'w@example.com' WHERE id = 1"));
      expect(databaseUnavailable(error)).toMatch(/^ER_LOCK_WAIT_TIMEOUT: |^ER_LOCK_WAIT_TIMEOUT \(1205\)/);
    } finally {
      await holder.rollback();
      holder.release();
      waiter.release();
    }
  });

  it('a deadlock', async () => {
    await db.reset();
    await getPool().execute("INSERT INTO accounts (id, email) VALUES (1, 'a@example.com'), (2, 'b@example.com')");
    const [first, second] = [await connection(), await connection()];
    try {
      await first.beginTransaction();
      await second.beginTransaction();
      await first.execute("UPDATE accounts SET email = 'x' WHERE id = 1");
      await second.execute("UPDATE accounts SET email = 'y' WHERE id = 2");
      // each now waits for the other's row: InnoDB picks a victim at once
      const results = await Promise.allSettled([
        first.execute("UPDATE accounts SET email = 'x' WHERE id = 2"),
        second.execute("UPDATE accounts SET email = 'y' WHERE id = 1"),
      ]);
      const errors = results.filter((result) => result.status === 'rejected').map((result) => result.reason as unknown);
      expect(errors).toHaveLength(1);
      expect(databaseUnavailable(errors[0])).toMatch(/^ER_LOCK_DEADLOCK/);
    } finally {
      await first.rollback();
      await second.rollback();
      first.release();
      second.release();
    }
  });

  it('a cause wrapped by the handler, or one of several connection attempts', async () => {
    const nobody = createPool(`mysql://root@127.0.0.1:${await freePort()}/x`, { connectionLimit: 1 });
    try {
      const refused = await failure(nobody.execute('SELECT 1'));
      expect(databaseUnavailable(new Error('could not save the user', { cause: refused }))).toMatch(/^ECONNREFUSED/);
      expect(databaseUnavailable(new AggregateError([new Error('::1 unreachable'), refused]))).toMatch(/^ECONNREFUSED/);
    } finally {
      await nobody.end();
    }
  });
});

describe('databaseUnavailable: the event (or the handler) is to blame', () => {
  it.each([
    ['a duplicate key', "INSERT INTO accounts (id, email) VALUES (1, 'a'), (1, 'b')"],
    ['NULL in a NOT NULL column', 'INSERT INTO accounts (id, email) VALUES (3, NULL)'],
    ['a value too long for its column (strict mode)', `INSERT INTO accounts (id, email) VALUES (4, '${'x'.repeat(21)}')`],
    ['a value that is not a date', "INSERT INTO accounts (id, email, seen) VALUES (5, 'a', 'yesterday')"],
    ['a table that does not exist (DDL not applied)', 'INSERT INTO no_such_table VALUES (1)'],
    ['SQL that does not parse', 'INSERT INTO accounts VALUS (1)'],
  ])('%s', async (_case, sql) => {
    await db.reset();
    const error = await failure(getPool().query(sql));
    expect(error).toHaveProperty('errno');
    expect(databaseUnavailable(error)).toBeUndefined();
  });

  it('a bug in the handler', () => {
    let error: unknown;
    try {
      (undefined as unknown as { contact_info: { email: string } }).contact_info.email.trim();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TypeError);
    expect(databaseUnavailable(error)).toBeUndefined();
    expect(databaseUnavailable('a string')).toBeUndefined();
    expect(databaseUnavailable(undefined)).toBeUndefined();
  });
});
