/**
 * A transaction holds its row locks until COMMIT. When one of its statements goes through another
 * connection (getPool().execute inside withTransaction, a DAL call without its connection), that
 * statement waits for the transaction's locks, and the transaction waits for the statement: the
 * server gives up only after innodb_lock_wait_timeout (50 s by default), long after the test timed
 * out with nothing to say. In tests the wait is cut to LOCK_WAIT_SECONDS, and its error is turned
 * into one that names the mistake: which statement waited, and which open transaction, on which
 * other connection, held the lock. (A duplicate key, the other raw driver error a student meets,
 * gets the lesson's words too.)
 */
import type { Pool, PoolConnection } from 'mysql2/promise';
import { notAboutTheData } from './properties.ts';
import { connectionLesson, currentTest } from './lesson-places.ts';
import { lessonFor } from './teach.ts';
import { InFlight, UnawaitedStatementError } from './unawaited-statements.ts';
import { shorten, sqlText } from './sql-text.ts';
import { explainsItself } from './settled-messages.ts';

/** How long a test's statement waits for a row lock: no statement of a correct solution ever waits this long. */
export const LOCK_WAIT_SECONDS = 2;

/** The session setting every connection of a test pool gets. */
export const LOCK_WAIT_SETTING = `SET SESSION innodb_lock_wait_timeout = ${LOCK_WAIT_SECONDS}`;

const LOCK_WAIT_TIMEOUT = 1205;
const DEADLOCK = 1213;
const DUPLICATE_KEY = 1062;
const PARSE_ERROR = 1064;
/** "Column count doesn't match value count at row N" */
const VALUE_COUNT = 1136;
/** "Incorrect arguments to mysqld_stmt_execute": a prepared statement given more or fewer values than its ?s */
const ARGUMENT_COUNT = 1210;

/**
 * The driver's "Duplicate entry '…' for key '…'" says what, not why: when it reaches a test (an
 * event delivered twice, a replace that did not delete first), the lesson's words follow it. A test
 * that expects the refusal still sees the driver's words first.
 */
function explainDuplicate(error: Error, sql: string): Error {
  if (error.message.includes('\n→ Read')) return error;
  const where = currentTest();
  // in a table exercise the statements are the course's own, right ones: the key is what is wrong
  if (where.kata && where.exercise === '5.1') {
    error.message +=
      `\nThe test stored two rows that the course keeps apart, and your table refused the second: one of its UNIQUE keys (or its PRIMARY KEY) holds too few columns, ` +
      `so two different rows share its values. Compare each key's columns with the lesson's table.\n` +
      lessonFor(where.kata).section('Exercise 5.1');
    return error;
  }
  // the lesson of the table's own exercise: an end-to-end test (the consumer's exercise) runs every DAL method
  const exercise = exerciseOfTable(where.kata, sql) ?? where.exercise;
  error.message +=
    `\nThe database already holds a row with this key, and the statement stores it again. Kafka delivers an event at least once: the same event may come twice, ` +
    `and storing it again must leave the row in place, not fail (INSERT ... ON DUPLICATE KEY UPDATE${
      // kata 04's variants change with their product: its lesson replaces them (DELETE, then INSERT); other children (kata 07's order lines) never change
      where.kata === '04-product' && exercise !== '5.2' ? '; or, for the set of a product\'s variants, DELETE them first in the same transaction' : ''
    }).\n` +
    connectionLesson('redelivery', { kata: where.kata, exercise });
  return error;
}

/** In the katas with a parent and a child table, the exercise whose DAL method writes each. */
const TABLE_EXERCISE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  '04-product': { products: '5.2', product_variants: '5.3' },
  '07-order': { orders: '5.2', order_items: '5.3' },
};

/** The exercise that writes the table an INSERT or UPDATE names, where the kata has one per table. */
function exerciseOfTable(kata: string | undefined, sql: string): string | undefined {
  const table = /^\s*(?:INSERT\s+(?:IGNORE\s+)?INTO|UPDATE|REPLACE\s+INTO)\s+`?(\w+)`?/i.exec(sql)?.[1]?.toLowerCase();
  return kata && table ? TABLE_EXERCISE[kata]?.[table] : undefined;
}

/**
 * "You have an error in your SQL syntax; check the manual ... near '":0}', '1971-01-01...'": the
 * server's words, then the lesson's. In a DAL exercise the usual cause is a value pasted into the
 * SQL text, which a quote in the data breaks (the generators send quotes on purpose).
 */
function explainParseError(error: Error, sql: string): Error {
  if (error.message.includes('\n→ Read')) return error;
  const where = currentTest();
  // a multi-row INSERT built from an empty list: VALUES with no row after it
  if (/\bVALUES\s*(ON\s+DUPLICATE\b|;?\s*$)/i.test(sql)) {
    error.message += `\nThe INSERT has no row after VALUES: it was built from an empty list, and with nothing to store it should not be sent at all.`;
    return error;
  }
  if (where.kata && where.exercise === '5.1') {
    // a table exercise sends the student's own CREATE TABLE statements
    error.message += `\nThe server could not read a statement of katas/${where.kata}/tables.ts: look near the text it quotes (a missing comma, a misspelt type, a stray quote).\n${lessonFor(where.kata).section('Exercise 5.1')}`;
    return error;
  }
  error.message +=
    `\nThe server could not read the SQL your code sent. A value pasted into the SQL text (string concatenation, a template literal) breaks it as soon as the value holds a quote ` +
    `(the tests send such values on purpose), and lets the data rewrite your statement: SQL injection. Send every value as a ? parameter, the values in an array: execute(sql, values). ` +
    `If no value is pasted in, compare the statement with the lesson's.\n` +
    connectionLesson('placeholders');
  return error;
}

/**
 * The server's words for a statement whose counts disagree: a row of VALUES with more or fewer
 * values than the column list ("Column count doesn't match value count at row 1"), or a statement
 * sent with more or fewer values than its ?s ("Incorrect arguments to mysqld_stmt_execute").
 */
function explainCounts(error: Error, sql: string, errno: number): Error {
  if (error.message.includes('\n→ Read')) return error;
  const columns = /^\s*INSERT\s+(?:IGNORE\s+)?INTO\s+\S+\s*\(([^)]*)\)/i.exec(sql)?.[1]?.split(',').length;
  const values = /\bVALUES\s*([\s\S]*?)(?:\bON\s+DUPLICATE\b|$)/i.exec(sql)?.[1] ?? '';
  const uneven = columns !== undefined ? valueCounts(values).find((count) => count !== columns) : undefined;
  error.message +=
    errno === VALUE_COUNT
      ? `\n${columns === undefined ? 'A row of the INSERT holds another number of values than the table has columns' : `The INSERT names ${columns} column${columns === 1 ? '' : 's'}, and a row of its VALUES holds ${uneven ?? 'another number of'} value${uneven === 1 ? '' : 's'}`}: ` +
        `each row's (?, ?, ...) needs exactly one value per column, in the column list's order. A multi-row INSERT built in a loop: count the ?s of one row against the columns.`
      : `\nThe statement has a different number of ? placeholders than the values sent with it: one value per ?, in order (a multi-row INSERT: every row's values, one after the other, in one flat array).`;
  const where = currentTest();
  // kata 07's items: the lesson that builds the multi-row INSERT
  error.message += `\n${
    where.kata === '07-order' && exerciseOfTable(where.kata, sql) === '5.3' ? lessonFor(where.kata).paragraph('Exercise 5.3', 'Building it') : connectionLesson('placeholders')
  }`;
  return error;
}

/** How many values each row of a VALUES list holds: its top-level groups, commas counted outside nested parentheses (NOW(6)) and quotes. */
function valueCounts(values: string): number[] {
  const counts: number[] = [];
  let depth = 0;
  let quote: string | undefined;
  for (const char of values) {
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') quote = char;
    else if (char === '(') {
      if (depth === 0) counts.push(1);
      depth++;
    } else if (char === ')') depth--;
    else if (char === ',' && depth === 1) counts[counts.length - 1]!++;
  }
  return counts;
}

/** The open transactions of a pool's borrowed connections: the statements each ran since it began. */
type OpenTransactions = Map<PoolConnection, string[]>;

export class LockWaitError extends Error {
  readonly code: string;
  readonly errno: number;
  constructor(message: string, original: { code?: string; errno?: number }) {
    super(message);
    this.name = 'WaitedOnItsOwnLocks';
    this.code = original.code ?? 'ER_LOCK_WAIT_TIMEOUT';
    this.errno = original.errno ?? LOCK_WAIT_TIMEOUT;
    notAboutTheData(this);
  }
}

export type LockWatch = {
  /**
   * The statements sent through the pool or a connection it lent that are still running, after
   * letting them finish (their errors marked as explained). A test that checks the database
   * while one runs (a DAL method that did not await it) fails with their texts.
   */
  unfinished(): Promise<string[]>;
  /**
   * The lock waits this pool's statements ran into since the last call (their teaching messages).
   * Until then, once a statement waited, every later statement fails at once with the same
   * error: a test that expected a rejection (an atomicity test) must not pay 2 s per run.
   */
  takeWaits(): string[];
  /**
   * The statements sent through the pool itself (getPool()) while a transaction was open on a
   * connection it lent, since the last call: they ran outside that transaction, committed on
   * their own, and its ROLLBACK cannot undo them. (No lock wait needs to happen for that.)
   */
  takeStatementsBeside(): string[];
};

/**
 * Watches a test pool (the promise pool getPool() returns): every statement sent through it or
 * through a connection it lends, and every transaction begun on one of those connections.
 */
export function watchLockWaits(pool: Pool): LockWatch {
  const open: OpenTransactions = new Map();
  const waits: string[] = [];
  const beside: string[] = [];

  let poisoned: LockWaitError | undefined;
  const explain = (error: unknown, sql: unknown, on: PoolConnection | undefined): unknown => {
    const errno = (error as { errno?: number } | null)?.errno;
    if (errno === DUPLICATE_KEY) return explainDuplicate(error as Error, sqlText(sql));
    // no right solution sends SQL the server cannot read or count: a test that expected another
    // refusal (a foreign key's) shows this one as it is (settled-messages.ts)
    if (errno === PARSE_ERROR) return explainsItself(explainParseError(error as Error, sqlText(sql)));
    if (errno === VALUE_COUNT || errno === ARGUMENT_COUNT) return explainsItself(explainCounts(error as Error, sqlText(sql), errno));
    if (errno !== LOCK_WAIT_TIMEOUT && errno !== DEADLOCK) return error;
    const message = lockWaitMessage(sqlText(sql), on, open, errno === DEADLOCK);
    waits.push(message);
    poisoned = new LockWaitError(message, error as { code?: string; errno?: number });
    return poisoned;
  };

  const watchStatements = <T extends object>(target: T, on: PoolConnection | undefined, inFlight?: InFlight): void => {
    for (const method of ['execute', 'query'] as const) {
      const original = (target as Record<string, unknown>)[method] as ((...args: unknown[]) => Promise<unknown>) | undefined;
      if (typeof original !== 'function') continue;
      const statement = async (args: unknown[], text: string) => {
        if (poisoned) throw new LockWaitError(poisoned.message, poisoned);
        if (on) noteStatement(open, on, text);
        else if (open.size > 0) beside.push(text);
        try {
          return await original.apply(target, args);
        } catch (error) {
          throw explain(error, args[0], on);
        }
      };
      (target as Record<string, unknown>)[method] = function watchedStatement(this: unknown, ...args: unknown[]) {
        const text = sqlText(args[0]);
        return inFlight ? inFlight.track(text, statement(args, text)) : statement(args, text);
      };
    }
  };

  // every statement still running, on the pool itself and on each connection it lent
  const inFlights = new Set<InFlight>();
  const poolInFlight = new InFlight();
  inFlights.add(poolInFlight);
  watchStatements(pool, undefined, poolInFlight);
  const getConnection = pool.getConnection;
  // a connection lent again is the same object: watched once
  const watched = new WeakSet<PoolConnection>();
  pool.getConnection = async function watchedGetConnection() {
    const connection = await getConnection.call(pool);
    if (watched.has(connection)) return connection;
    watched.add(connection);
    const inFlight = new InFlight();
    inFlights.add(inFlight);
    watchStatements(connection, connection, inFlight);
    const begin = connection.beginTransaction;
    connection.beginTransaction = async () => {
      open.set(connection, []);
      return begin.call(connection);
    };
    const rollback = connection.rollback;
    for (const end of ['commit', 'rollback'] as const) {
      const original = connection[end];
      connection[end] = async () => {
        try {
          // statements started in the transaction and not awaited: a COMMIT must not pass them by
          const unawaited = await inFlight.settle();
          if (end === 'commit' && unawaited.length > 0) {
            await rollback.call(connection);
            throw new UnawaitedStatementError(unawaited);
          }
          return await original.call(connection);
        } finally {
          open.delete(connection);
        }
      };
    }
    return connection;
  };
  return {
    async unfinished() {
      const running: string[] = [];
      for (const inFlight of inFlights) running.push(...(await inFlight.settle()));
      return running;
    },
    takeWaits() {
      poisoned = undefined;
      return waits.splice(0);
    },
    takeStatementsBeside() {
      return beside.splice(0);
    },
  };
}

function noteStatement(open: OpenTransactions, connection: PoolConnection, text: string): void {
  if (/^\s*(START\s+TRANSACTION|BEGIN)\b/i.test(text)) open.set(connection, []);
  else if (/^\s*(COMMIT|ROLLBACK)\b/i.test(text)) open.delete(connection);
  else open.get(connection)?.push(text);
}

function lockWaitMessage(statement: string, on: PoolConnection | undefined, open: OpenTransactions, deadlock: boolean): string {
  if (deadlock) {
    return (
      `This statement ran into a deadlock:\n  ${shorten(statement)}\n` +
      `Two transactions ran at the same time and each waited for a lock the other held, so the server rolled one back. In a test that runs one call at a time, that means ` +
      `a call that was not awaited (a missing await, Promise.all, forEach with an async callback) is still running next to the next one: await each call before the next.\n` +
      connectionLesson('transaction')
    );
  }
  const holders = [...open].filter(([connection, statements]) => connection !== on && statements.length > 0);
  const waited = `waited ${LOCK_WAIT_SECONDS} s for a row lock and gave up`;
  const where = on ? 'a connection of its own' : 'a connection of its own (getPool())';
  if (holders.length > 0) {
    const held = holders.flatMap(([, statements]) => statements);
    const verb = verbOf(statement);
    const theirs = [...new Set(held.map(verbOf))].join(' and the ');
    return (
      `This statement ${waited}:\n  ${shorten(statement)}\n` +
      `It ran on ${where}, while a transaction on another connection had already run\n` +
      held.map((text) => `  ${shorten(text)}`).join('\n') +
      `\nand not yet committed. So the ${verb} ran on another connection than the ${theirs}, and waited on its locks, which go only at COMMIT, while the COMMIT waited for the ${verb}.\n` +
      `Every statement of a transaction runs on the connection the transaction hands you: connection.execute(...), never getPool().execute(...), and a DAL method called inside it gets that connection.\n` +
      connectionLesson('transaction')
    );
  }
  return (
    `This statement ${waited}:\n  ${shorten(statement)}\n` +
    `The lock belongs to a transaction that never ended: a connection began one (or ran its statements in one) and neither committed nor rolled back, so its locks stay until that connection closes.\n` +
    `End every transaction: withTransaction commits or rolls back for you; a connection of your own ends with commit() or rollback(), then release() in a finally block.\n` +
    connectionLesson('transaction')
  );
}

/** Statements sent through getPool() while a transaction was open (LockWatch.takeStatementsBeside), in words for a failure message. */
export function ranBesideTheTransaction(statements: readonly string[]): string {
  const shown = [...new Set(statements.map((text) => shorten(text)))];
  return (
    `These statements went through getPool() while the transaction was open, so each ran on another connection and committed on its own; the ROLLBACK could not undo them:\n` +
    shown.slice(0, 4).map((text) => `  ${text}`).join('\n') +
    (shown.length > 4 ? `\n  (and ${shown.length - 4} more)` : '') +
    `\nInside withTransaction(async (connection) => ...), send every statement with connection.execute(...), never getPool().execute(...).`
  );
}

/** `INSERT`, `DELETE`, `UPDATE`, `SELECT`: what a statement does, in its own first word. */
function verbOf(sql: string): string {
  return /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'statement';
}
