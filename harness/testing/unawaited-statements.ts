/**
 * A statement started on a transaction's connection and not awaited (`variants.forEach(async ...)`,
 * `.map(...)` without `await Promise.all`, a bare `connection.execute(...)`) is still on its way
 * when the transaction commits: the COMMIT does not wait for it, its error reaches no one (an
 * unhandled rejection, dozens of them in a property test), and a failing statement can no longer
 * undo the others. Each such statement is noted while it runs; a COMMIT that finds some of them
 * lets them finish (so that nothing runs on the connection after it went back to the pool), rolls
 * back, and fails with a message that names the mistake. A ROLLBACK lets them finish too, and
 * keeps their errors from surfacing as unhandled: the error that made the transaction roll back
 * is the one the caller gets.
 */
import { connectionLesson } from './lesson-places.ts';
import { notAboutTheData } from './properties.ts';

export class UnawaitedStatementError extends Error {
  constructor(statements: readonly string[]) {
    super(unawaitedMessage(statements));
    this.name = 'StatementNotAwaited';
    notAboutTheData(this);
  }
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
    for (const [statement] of running) statement.catch(() => undefined);
    await Promise.allSettled(running.map(([statement]) => statement));
    return running.map(([, text]) => text);
  }
}

function unawaitedMessage(statements: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const text of statements) counts.set(shorten(text), (counts.get(shorten(text)) ?? 0) + 1);
  const listed = [...counts].map(([text, count]) => `  ${text}${count > 1 ? ` (${count} times)` : ''}`).join('\n');
  const n = statements.length;
  return (
    `The transaction reached its COMMIT while ${n} statement${n === 1 ? '' : 's'} it had started ${n === 1 ? 'was' : 'were'} still running:\n${listed}\n` +
    `${n === 1 ? 'It was' : 'They were'} sent without await: forEach(async ...) and .map(...) without \`await Promise.all\` do not wait, nor does a connection.execute(...) without await. ` +
    `So the COMMIT did not wait for ${n === 1 ? 'it' : 'them'}: ${n === 1 ? 'its error' : 'their errors'} would reach no one, and a failing statement could not undo the others. ` +
    `(The test let ${n === 1 ? 'it' : 'them'} finish and rolled the transaction back.)\n` +
    `Await each statement before the next: for (const row of rows) { await connection.execute(sql, values); }\n` +
    connectionLesson('transaction')
  );
}

function shorten(sql: string): string {
  const line = sql.replace(/\s+/g, ' ').trim();
  return line.length > 100 ? `${line.slice(0, 100)}…` : line;
}
