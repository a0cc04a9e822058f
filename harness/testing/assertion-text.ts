/**
 * A test's own message first, vitest's words only where they add something.
 *
 * `expect(found, message).toBe(true)` fails with "<message>: expected false to be true" and a
 * "- true + false" diff; `.toEqual(rows)` with "<message>: expected [] to deeply equal [ …(2) ]"
 * glued to the end of the lesson's last sentence, then the diff that says the same thing better.
 * Here the message stands alone: a check on a boolean drops vitest's sentence and its diff (the
 * message is the whole news), a check with a diff keeps only the diff, and any other check keeps
 * its sentence on a line of its own ("The check: expected 'abc' to contain 'x'").
 *
 * One place for every assertion form: chai builds each failure in Assertion.prototype.assert,
 * where the test's message (the `message` flag) is known exactly, so a matcher's own text that
 * happens to contain ": expected" is never cut.
 */
import { chai } from 'vitest';

type AssertionFailure = Error & { showDiff?: boolean; actual?: unknown; expected?: unknown };

const BOOLEAN_CHECK = /^expected (true|false) to be (true|false)\b/;
/** checks whose diff (expected against received) says all their sentence says */
const EQUALITY_CHECK = /^expected [\s\S]* (to (deeply |strictly )?equal |to be [\s\S]* \/\/ Object\.is equality$)/;

/** The failure's message with the test's own message apart from vitest's sentence (exported for its test). */
export function tidyFailure(error: AssertionFailure, message: string): void {
  if (!error.message.startsWith(`${message}: `)) return;
  const check = error.message.slice(message.length + 2);
  if (BOOLEAN_CHECK.test(check)) {
    error.message = message;
    error.showDiff = false;
  } else if (error.showDiff !== false && EQUALITY_CHECK.test(check)) {
    // the diff printed under the message shows expected and received, better than the sentence
    error.message = message;
  } else {
    error.message = `${message}\n\n(The check: ${check})`;
  }
  if (error.stack) {
    const frames = error.stack.indexOf('\n    at ');
    error.stack = `${error.name}: ${error.message}${frames === -1 ? '' : error.stack.slice(frames)}`;
  }
}

export function keepTestMessagesApart(): void {
  const prototype = chai.Assertion.prototype as { assert: (...args: unknown[]) => unknown; kataTidied?: true };
  if (prototype.kataTidied) return;
  const original = prototype.assert;
  prototype.assert = function (this: object, ...args: unknown[]) {
    try {
      return original.apply(this, args);
    } catch (error) {
      const message = chai.util.flag(this, 'message') as unknown;
      if (typeof message === 'string' && message && error instanceof Error && error.name === 'AssertionError') tidyFailure(error, message);
      throw error;
    }
  };
  prototype.kataTidied = true;
}
