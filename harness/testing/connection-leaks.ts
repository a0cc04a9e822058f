/**
 * A connection taken from the pool with getConnection() and never release()d stays taken for
 * good. After ten of them (the pool's size) every statement waits forever, the test times out
 * minutes later, and the message says nothing about why. This watcher notices instead: when a
 * statement has waited this long for a connection and none came back meanwhile, the wait fails
 * with a message that names the cause, and later waits on the same dry pool fail at once.
 */
import type { Pool } from 'mysql2/promise';
import { isNotStarted } from '../not-started.ts';
import { notAboutTheData } from './properties.ts';
import { lessonFor } from './teach.ts';

/** Where borrowed connections are taught (kata 01 is where every kata's DAL starts). */
export const POOL_LESSON = lessonFor('01-user').paragraph('Exercise 5.2', 'Borrowed connections go back');

/** No statement of a kata suite holds a connection for seconds: a longer wait means none comes back. */
export const PATIENCE_MS = 3000;
/** Once the pool ran dry, a new wait gets this long before it fails too. */
const DRY_PATIENCE_MS = 100;

type Callback = (error: Error | null, connection?: { release(): void }) => void;
type CorePool = { getConnection(callback: Callback): void; config?: { connectionLimit?: number } };

export type ConnectionWatch = {
  /** true once a wait failed for lack of a connection, until a connection comes free again */
  readonly dry: boolean;
};

export class LeakedConnectionError extends Error {
  constructor(waitedMs: number, size: number | undefined, pointer: string) {
    super(
      `No connection came back to the pool for ${waitedMs / 1000} s: all ${size ?? ''} of its connections are taken, and this statement waited in vain.\n` +
        `A connection taken with getPool().getConnection() was never release()d. Give it back in a finally block:\n` +
        `  const connection = await getPool().getConnection();\n  try { ... } finally { connection.release(); }\n` +
        `or use getPool().execute(sql, values), which takes a connection and gives it back for you.\n${pointer}`,
    );
    this.name = 'LeakedConnection';
    notAboutTheData(this);
  }
}

/** Watches every wait for a connection of this pool (pool.execute/query take one too). */
export function watchConnections(pool: Pool, options: { pointer: string; patienceMs?: number }): ConnectionWatch {
  const core = pool.pool as unknown as CorePool;
  const patience = options.patienceMs ?? PATIENCE_MS;
  const original = core.getConnection;
  let dry = false;
  core.getConnection = function watchedGetConnection(callback: Callback) {
    let settled = false;
    const waitMs = dry ? DRY_PATIENCE_MS : patience;
    const timer = setTimeout(() => {
      settled = true;
      dry = true;
      callback(new LeakedConnectionError(patience, core.config?.connectionLimit, options.pointer));
    }, waitMs);
    original.call(core, (error, connection) => {
      clearTimeout(timer);
      if (settled) {
        // this wait already failed: hand the connection straight back
        connection?.release();
        return;
      }
      settled = true;
      if (connection) dry = false;
      callback(error, connection);
    });
  };
  return {
    get dry() {
      return dry;
    },
  };
}

/**
 * Calls a DAL method whose statement is made to fail (see KataDatabase.whileWritesFail) one time
 * more than the pool has connections. Each call must reject with the database's error, and the
 * pool must not run dry: a connection released after the statement, but not in a finally block,
 * is lost on every failure.
 */
export async function assertReleasesOnFailure(pool: Pool, what: string, call: () => Promise<unknown>, why: string): Promise<void> {
  const size = (pool.pool as unknown as CorePool).config?.connectionLimit ?? 10;
  for (let attempt = 1; attempt <= size + 1; attempt++) {
    let failure: unknown;
    try {
      await call();
    } catch (error) {
      failure = error;
    }
    if (isNotStarted(failure)) throw failure;
    if (failure === undefined) {
      throw new Error(
        `${what} resolved although its statement failed (${why}).\n` +
          `A DAL must let the database's errors through: a handler that calls it cannot fail otherwise, and the framework would count the event as stored.\n` +
          `${lessonFor('01-user').paragraph('Exercise 5.3', 'Let failures through')}`,
      );
    }
    if (failure instanceof LeakedConnectionError) {
      throw new Error(
        `${what} does not give its connection back when its statement fails (${why}): after ${attempt - 1} failed calls no connection came back to the pool.\n` +
          `Call release() in a finally block, so that it runs when the statement throws too:\n` +
          `  const connection = await getPool().getConnection();\n  try { ... } finally { connection.release(); }\n${POOL_LESSON}`,
      );
    }
  }
}
