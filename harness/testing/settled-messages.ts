/**
 * `await expect(promise, message).rejects.toThrow(...)`: when the promise resolves instead,
 * vitest reports only `promise resolved "undefined" instead of rejecting`, and the test's own
 * message, the lesson's explanation, is lost (the same for `.resolves` on a rejection). This
 * keeps it: the message comes first, then vitest's line, whatever matcher follows.
 */
import { chai } from 'vitest';

const SETTLED_OTHERWISE = /^promise (resolved|rejected) .* instead of (rejecting|resolving)/s;

export function keepMessagesWhenSettledOtherwise(): void {
  for (const key of ['rejects', 'resolves'] as const) {
    const descriptor = Object.getOwnPropertyDescriptor(chai.Assertion.prototype, key);
    const original = descriptor?.get;
    if (!original || (original as { kataWrapped?: true }).kataWrapped) continue;
    const wrapped = function (this: Chai.AssertionStatic) {
      const inner = original.call(this) as object;
      const message = chai.util.flag(this, 'message') as string | undefined;
      if (!message) return inner;
      const outer: object = new Proxy(inner, {
        get(target, property) {
          const value = Reflect.get(target, property) as unknown;
          if (value === inner) return outer;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            const result = (value as (...a: unknown[]) => unknown)(...args);
            if (result === inner) return outer;
            if (typeof (result as PromiseLike<unknown> | undefined)?.then !== 'function') return result;
            return (result as PromiseLike<unknown>).then(undefined, (error: unknown) => {
              if (error instanceof Error && SETTLED_OTHERWISE.test(error.message) && !error.message.startsWith(message)) {
                error.message = `${message}\n\n(${error.message})`;
                // vitest's diff of "rejected promise" against the value adds nothing to the message
                (error as { showDiff?: boolean }).showDiff = false;
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
