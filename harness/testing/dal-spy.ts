/**
 * A consumer suite judges the consumer's own code: it hands the handlers a DAL that records
 * every call (which method, with what, in which order) and passes it on to a stand-in, instead of
 * the student's DAL and a database. A consumer exercise then goes green or red for what the
 * handlers do, whatever state the DAL exercises are in; the end-to-end suite is where the real
 * DAL and the real tables meet.
 */

export type DalCall = { method: string; args: unknown[] };

export type DalSpy<T> = {
  /** hand this to the consumer's constructor */
  dal: T;
  /** every call so far, in order, with a copy of its arguments as they were at the call */
  readonly calls: DalCall[];
};

/** Records every method call on `implementation`, then lets it run. */
export function spyOnDal<T extends object>(implementation: T): DalSpy<T> {
  const calls: DalCall[] = [];
  const dal = new Proxy(implementation, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        calls.push({ method: property, args: copy(args) });
        return (value as (...args: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { dal, calls };
}

/** A copy, so that a handler changing an object after the call does not rewrite the record. */
function copy(args: unknown[]): unknown[] {
  try {
    return structuredClone(args);
  } catch {
    return [...args];
  }
}

/** The calls, one line each, for a failure message: insertProduct("65f0…"), replaceVariants(...). */
export function describeCalls(calls: readonly DalCall[]): string {
  if (calls.length === 0) return '  (no call)';
  return calls.map((call, index) => `  ${index + 1}. ${call.method}(${call.args.map(brief).join(', ')})`).join('\n');
}

function brief(value: unknown): string {
  if (Array.isArray(value)) return `[${value.length} item${value.length === 1 ? '' : 's'}]`;
  if (value !== null && typeof value === 'object') return '{…}';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

/** A DAL method that fails the way a database outage does, for "the handler must reject" tests. */
export class DatabaseDownError extends Error {
  constructor(method: string) {
    super(`connect ECONNREFUSED 127.0.0.1:3306 (the test made ${method} fail on purpose)`);
    this.name = 'DatabaseDown';
  }
}
