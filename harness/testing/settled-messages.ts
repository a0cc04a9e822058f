/**
 * `await expect(promise, message).rejects.toThrow(...)`: when the promise resolves instead,
 * vitest reports only `promise resolved "undefined" instead of rejecting`, and the test's own
 * message, the lesson's explanation, is lost (the same for `.resolves` on a rejection). This
 * keeps it: the message comes first, then vitest's line, whatever matcher follows.
 * And a stub is not the failure a test expects: `.rejects.toThrow()` (any error) on a promise
 * that rejected with NotStarted (the stub's "not implemented yet") fails with that NotStarted,
 * so that a test of "the error reaches the caller" never passes on an exercise not written yet;
 * and a matcher that names another error (toThrow(/Data too long/)) fails with that NotStarted
 * too, not with "expected ... to throw error matching /Data too long/ but got 'not implemented
 * yet'", which reads as if the written code had let the wrong error through. (A matcher that
 * names the NotStarted, toThrow(/not implemented/), passes as before.)
 */
import { inspect } from 'node:util';
import { chai } from 'vitest';
import { shorten } from './sql-text.ts';
import { isNotStarted } from '../not-started.ts';

const SETTLED_OTHERWISE = /^promise (resolved|rejected) .* instead of (rejecting|resolving)/s;

const EXPLAINS_ITSELF = Symbol.for('kata.explainsItself');

/**
 * Marks an error the harness raised to name a mistake (a DAL call not awaited, two calls at once,
 * a handler waiting on its own locks): when a test expected another error (.rejects.toThrow(/Data
 * too long/)), this one is the news, shown as it is, not as "expected ... but got '...'".
 */
export function explainsItself<E extends Error>(error: E): E {
  Object.defineProperty(error, EXPLAINS_ITSELF, { value: true, enumerable: false });
  return error;
}

function isSelfExplaining(error: unknown): error is Error {
  return error instanceof Error && (error as unknown as Record<symbol, unknown>)[EXPLAINS_ITSELF] === true;
}

export function keepMessagesWhenSettledOtherwise(): void {
  for (const key of ['rejects', 'resolves'] as const) {
    const descriptor = Object.getOwnPropertyDescriptor(chai.Assertion.prototype, key);
    const original = descriptor?.get;
    if (!original || (original as { kataWrapped?: true }).kataWrapped) continue;
    const wrapped = function (this: Chai.AssertionStatic) {
      /** a rejection that is the news whatever the matcher expected: a stub's NotStarted, a harness explanation */
      let preempting: Error | undefined;
      // how the promise settled, for the line under the test's message
      let settled: { value: unknown } | { error: unknown } | undefined;
      const object = chai.util.flag(this, 'object') as unknown;
      // .rejects may be handed a function that returns the promise; .resolves a promise only
      const source = key === 'rejects' && typeof object === 'function' ? (object as () => unknown)() : object;
      if (typeof (source as PromiseLike<unknown> | undefined)?.then === 'function') {
        chai.util.flag(
          this,
          'object',
          Promise.resolve(source).then(
            (value: unknown) => {
              settled = { value };
              return value;
            },
            (error: unknown) => {
              settled = { error };
              if (key === 'rejects' && (isNotStarted(error) || isSelfExplaining(error))) preempting = error as Error;
              throw error;
            },
          ),
        );
      }
      const inner = original.call(this) as object;
      const message = chai.util.flag(this, 'message') as string | undefined;
      const outer: object = new Proxy(inner, {
        get(target, property) {
          const value = Reflect.get(target, property) as unknown;
          if (value === inner) return outer;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            const result = (value as (...a: unknown[]) => unknown)(...args);
            if (result === inner) return outer;
            if (typeof (result as PromiseLike<unknown> | undefined)?.then !== 'function') return result;
            // a matcher that accepts any error (toThrow(), toBeInstanceOf(Error)) must not accept a stub's
            const anyError = args.length === 0 || args[0] === Error;
            return (result as PromiseLike<unknown>).then((value) => {
              if (preempting && anyError) throw preempting;
              return value;
            }, (error: unknown) => {
              // the matcher expected another error: the stub's own (or the harness's explanation) is the news
              if (preempting) throw preempting;
              if (message && error instanceof Error && SETTLED_OTHERWISE.test(error.message) && !error.message.startsWith(message)) {
                error.message = `${message}\n\n(${whatHappened(settled, error.message)})`;
                // vitest's diff of "rejected promise" against the value adds nothing to the message
                (error as { showDiff?: boolean }).showDiff = false;
                // the line above says what it threw: vitest's "Caused by" and "Serialized Error" would say it twice more
                if (settled && 'error' in settled) delete (error as { cause?: unknown }).cause;
                if (error.stack) error.stack = error.stack.replace(/^[^\n]*/, `${error.name}: ${error.message}`);
              }
              throw error;
            });
          };
        },
      });
      return outer;
    };
    Object.assign(wrapped, { kataWrapped: true });
    Object.defineProperty(chai.Assertion.prototype, key, { ...descriptor, get: wrapped });
  }
}

/** How the promise settled, in a student's words: "it returned [ { method: 'cancelOrder' } ] instead of throwing". */
function whatHappened(settled: { value: unknown } | { error: unknown } | undefined, vitestLine: string): string {
  if (settled && 'value' in settled) {
    if (settled.value === undefined) return 'What happened: it finished without an error (it returned nothing) instead of throwing.';
    // consumerUnderTest's deliver() resolves with the DAL calls it recorded, not with the handler's value
    if (Array.isArray(settled.value) && settled.value.every((call) => typeof (call as { method?: unknown })?.method === 'string')) {
      const calls = (settled.value as { method: string }[]).map((call) => `this.dal.${call.method}()`);
      return `What happened: the handler finished without an error${calls.length ? ` (its DAL calls: ${calls.join(', ')})` : ' (it made no DAL call)'} instead of throwing.`;
    }
    return `What happened: it finished without an error, returning ${shorten(inspect(settled.value, { depth: 3, maxArrayLength: 5, breakLength: Infinity }), 300)}, instead of throwing.`;
  }
  if (settled && 'error' in settled) {
    // its first line: the rest (a stack, a statement quoted whole) is in the message above or adds nothing
    const error = settled.error;
    const text = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : inspect(error, { depth: 2, breakLength: Infinity });
    return `What happened: it threw ${shorten(text, 300)} instead of finishing.`;
  }
  // (every promise the wrapper sees is observed: this is for a settlement it did not see)
  return vitestLine;
}
