/**
 * A statement sent and not awaited (`variants.forEach(async ...)`, `.map(...)` without
 * `await Promise.all`, a bare `getPool().execute(...)`) is still on its way when the method
 * returns: its caller hears "done" before the row is stored, its error reaches no one (an
 * unhandled rejection, dozens of them in a property test), and inside a transaction the COMMIT
 * passes it by, so a failing statement can no longer undo the others. Each statement is noted
 * while it runs (lock-waits.ts wraps the test pool and the connections it lends). Two moments
 * find the ones left running, let them finish (nothing runs on after its test) and fail with a
 * message that names the mistake:
 *   commit  a COMMIT (withTransaction's) rolls back instead (a ROLLBACK only lets them finish: the
 *           error that made the transaction roll back is the one the caller gets);
 *   check   the test goes on to look at the database (database.ts), or ends.
 */
import { connectionLesson } from './lesson-places.ts';
import { notAboutTheData } from './properties.ts';
import { shorten } from './sql-text.ts';

/** When the harness found statements of the code under test still running. */
export type Moment = 'commit' | 'check';

export class UnawaitedStatementError extends Error {
  constructor(statements: readonly string[], moment: Moment = 'commit') {
    super(unawaitedMessage(statements, moment));
    this.name = 'StatementNotAwaited';
    notAboutTheData(this);
  }
}

/**
 * A statement's error that the harness already turned into a StatementNotAwaited: it also rejects
 * the promise of the student's own async callback (`forEach(async (v) => { await ... })`), which
 * nobody awaits. vitest.config.ts's onUnhandledError leaves such an error out (the failing test
 * already says what happened), so that one mistake does not print dozens of raw driver errors.
 */
export const EXPLAINED = 'kataExplainedAs';

function markExplained(error: unknown): void {
  if (error && typeof error === 'object') Object.assign(error, { [EXPLAINED]: 'StatementNotAwaited' });
}

/** For vitest's onUnhandledError (a serialised error keeps its own properties). */
export function alreadyExplained(error: unknown): boolean {
  return Boolean(error && typeof error === 'object' && (error as Record<string, unknown>)[EXPLAINED]);
}

/** The statements still running on one connection: each one's text and settled-or-not promise. */
export class InFlight {
  readonly #running = new Map<Promise<unknown>, string>();

  /** Notes a statement until it settles; returns the same promise, for the caller. */
  track<T>(text: string, statement: Promise<T>): Promise<T> {
    this.#running.set(statement, text);
    statement.then(
      () => this.#running.delete(statement),
      () => this.#running.delete(statement),
    );
    return statement;
  }

  /**
   * At COMMIT or ROLLBACK: the statements still running, after they finished (their errors kept
   * from surfacing as unhandled rejections: nobody awaited them, and the message names them).
   */
  async settle(): Promise<string[]> {
    const running = [...this.#running];
    if (running.length === 0) return [];
    // attached before they settle: a rejection is marked in the microtask right after it, before
    // Node reports the student's callback promise that it also rejects as unhandled
    for (const [statement] of running) statement.catch(markExplained);
    await Promise.allSettled(running.map(([statement]) => statement));
    return running.map(([, text]) => text);
  }
}

function unawaitedMessage(statements: readonly string[], moment: Moment): string {
  const counts = new Map<string, number>();
  for (const text of statements) counts.set(shorten(text), (counts.get(shorten(text)) ?? 0) + 1);
  const listed = [...counts].map(([text, count]) => `  ${text}${count > 1 ? ` (${count} times)` : ''}`).join('\n');
  const n = statements.length;
  const one = n === 1;
  if (moment === 'check') {
    return (
      `Your method had returned, and the test went on to check the database, while ${n} statement${one ? '' : 's'} it had sent ${one ? 'was' : 'were'} still running:\n${listed}\n` +
      `${one ? 'It was' : 'They were'} sent without await: \`getPool().execute(...)\` or \`db.execute(...)\` without await, forEach(async ...), or .map(...) without \`await Promise.all\`. ` +
      `So the caller hears "done" before the row is stored, and never hears ${one ? 'its error' : 'their errors'}: a failed write would count as stored. ` +
      `(The test let ${one ? 'it' : 'them'} finish first.)\n` +
      `Await every statement before the method returns: await before each execute(...) call (on the connection or db it was given, if any); for a list, a for ... of loop with await in it.\n` +
      connectionLesson('await')
    );
  }
  return (
    `The transaction reached its COMMIT while ${n} statement${one ? '' : 's'} it had started ${one ? 'was' : 'were'} still running:\n${listed}\n` +
    `${one ? 'It was' : 'They were'} sent without await: forEach(async ...) and .map(...) without \`await Promise.all\` do not wait, nor does a connection.execute(...) without await. ` +
    `So the COMMIT did not wait for ${one ? 'it' : 'them'}: ${one ? 'its error' : 'their errors'} would reach no one, and a failing statement could not undo the others. ` +
    `(The test let ${one ? 'it' : 'them'} finish and rolled the transaction back.)\n` +
    `Await each statement before the next: for (const row of rows) { await connection.execute(sql, values); }\n` +
    connectionLesson('transaction')
  );
}
