/**
 * A connection taken from the pool with getConnection() and never release()d stays taken for
 * good. After ten of them (the pool's size) every statement waits forever, the test times out
 * minutes later, and the message says nothing about why. This watcher notices instead: when a
 * statement has waited this long for a connection and none came back meanwhile, the wait fails
 * with a message that names the cause, and later waits on the same dry pool fail at once.
 * It also keeps the connections out of the pool, with where each was taken: at the end of a test
 * (database.ts), those still out are named ("3 connections never came back"), even when the
 * test made too few calls to run the pool dry.
 */
import type { Pool } from 'mysql2/promise';
import { isNotStarted } from '../not-started.ts';
import { notAboutTheData } from './properties.ts';
import { connectionLesson } from './lesson-places.ts';

/**
 * No statement of a kata suite holds a connection for a second: a longer wait on a pool whose
 * every connection is out means none comes back. (A wait while the pool may still open a
 * connection is never cut: a slow connect on a busy machine is not a leak.)
 */
export const PATIENCE_MS = 1000;
/** Once the pool ran dry, a new wait gets this long before it fails too. */
const DRY_PATIENCE_MS = 100;

type Callback = (error: Error | null, connection?: { release(): void }) => void;
type CorePool = { getConnection(callback: Callback): void; releaseConnection(connection: unknown): void; config?: { connectionLimit?: number } };

export type ConnectionWatch = {
  /** true once a wait failed for lack of a connection, until a connection comes free again */
  readonly dry: boolean;
  /**
   * The connections taken since the last call and still out of the pool after waiting up to
   * graceMs for them (a statement still running gives its connection back in a moment), as a
   * message naming where they were taken; undefined when every one came back. Forgets them.
   */
  unreturned(graceMs: number): Promise<string | undefined>;
};

export class LeakedConnectionError extends Error {
  constructor(waitedMs: number, size: number | undefined, pointer: string, places: readonly string[] = []) {
    super(
      `No connection came back to the pool for ${waitedMs / 1000} s: all ${size ?? ''} of its connections are taken, and this statement waited in vain.\n` +
        (places.length > 0 ? `${countedPlaces(places)}\n` : '') +
        `A connection taken with getPool().getConnection() was never release()d. Give it back in a finally block:\n` +
        `  const connection = await getPool().getConnection();\n  try { ... } finally { connection.release(); }\n` +
        `or use getPool().execute(sql, values), which takes a connection and gives it back for you.\n${pointer}`,
    );
    this.name = 'LeakedConnection';
    notAboutTheData(this);
  }
}

/** "  taken at katas/04-product/product-dal.ts:37 (10 times)", one line per place. */
function countedPlaces(places: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const place of places) counts.set(place, (counts.get(place) ?? 0) + 1);
  return [...counts].map(([place, count]) => `  taken ${place}${count > 1 ? ` (${count} times)` : ''}`).join('\n');
}

/** Watches every wait for a connection of this pool (pool.execute/query take one too). */
export function watchConnections(pool: Pool, options: { pointer?: string | (() => string); patienceMs?: number } = {}): ConnectionWatch {
  const core = pool.pool as unknown as CorePool;
  const patience = options.patienceMs ?? PATIENCE_MS;
  const pointer = () => (typeof options.pointer === 'function' ? options.pointer() : (options.pointer ?? connectionLesson('borrowed')));
  const original = core.getConnection;
  const release = core.releaseConnection;
  /** the connections out of the pool, each with where it was taken, and in which test (epoch) */
  const out = new Map<unknown, { place: string; epoch: number }>();
  let epoch = 0;
  let dry = false;
  core.getConnection = function watchedGetConnection(callback: Callback) {
    let settled = false;
    const takenAt = callerInKataCode(new Error().stack);
    const size = core.config?.connectionLimit ?? 10;
    const giveUp = () => {
      // every connection out, none back meanwhile: the pool ran dry
      if (out.size < size) {
        timer = setTimeout(giveUp, patience);
        return;
      }
      settled = true;
      dry = true;
      callback(new LeakedConnectionError(patience, size, pointer(), [...out.values()].map((entry) => entry.place)));
    };
    let timer = setTimeout(giveUp, dry ? DRY_PATIENCE_MS : patience);
    original.call(core, (error, connection) => {
      clearTimeout(timer);
      if (settled) {
        // this wait already failed: hand the connection straight back
        connection?.release();
        return;
      }
      settled = true;
      if (connection) {
        dry = false;
        out.set(connection, { place: takenAt, epoch });
      }
      callback(error, connection);
    });
  };
  core.releaseConnection = function watchedReleaseConnection(connection: unknown) {
    out.delete(connection);
    release.call(core, connection);
  };
  return {
    get dry() {
      return dry;
    },
    async unreturned(graceMs) {
      const current = epoch++;
      const unreturned = () => [...out.values()].filter((entry) => entry.epoch === current);
      const deadline = performance.now() + graceMs;
      while (unreturned().length > 0 && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      const places = unreturned().map((entry) => entry.place);
      return places.length === 0 ? undefined : unreturnedMessage(places, pointer());
    },
  };
}

/** "3 connections never came back", with where they were taken, counted per place. */
export function unreturnedMessage(places: readonly string[], pointer: string): string {
  const n = places.length;
  return (
    `${n} connection${n === 1 ? '' : 's'} taken from the pool during this test never came back:\n` +
    countedPlaces(places) +
    `\nA connection taken with getPool().getConnection() stays taken until it is release()d: after ten of them every statement waits forever. Give it back in a finally block:\n` +
    `  const connection = await getPool().getConnection();\n  try { ... } finally { connection.release(); }\n` +
    `or use getPool().execute(sql, values), which takes a connection and gives it back for you.\n${pointer}`
  );
}

/** The first frame of a stack in the student's code (a kata's module, or a reference solution in verify). */
function callerInKataCode(stack: string | undefined): string {
  const frame = stack?.split('\n').find((line) => /[\\/](katas|spec[\\/]solutions)[\\/]/.test(line) && !/\.test\.ts/.test(line));
  const match = frame && /\(?((?:file:\/\/)?[^()\s]+):(\d+):(\d+)\)?\s*$/.exec(frame);
  if (!match) return 'by a statement of the test';
  const file = match[1]!.replace(/^file:\/\//, '');
  const relativeFile = file.slice(Math.max(file.lastIndexOf('/katas/'), file.lastIndexOf('/spec/solutions/')) + 1);
  return `at ${relativeFile}:${match[2]}`;
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
          `${connectionLesson('failures')}`,
      );
    }
    if (failure instanceof LeakedConnectionError) {
      throw new Error(
        `${what} does not give its connection back when its statement fails (${why}): after ${attempt - 1} failed calls no connection came back to the pool.\n` +
          `Call release() in a finally block, so that it runs when the statement throws too:\n` +
          `  const connection = await getPool().getConnection();\n  try { ... } finally { connection.release(); }\n${connectionLesson('borrowed')}`,
      );
    }
  }
}
