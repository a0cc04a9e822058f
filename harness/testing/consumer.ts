/**
 * consumerUnderTest(): consumer suites judge the handlers on what they hand to the DAL, not on
 * what a DAL stores. Each handler is called as the framework calls it (through getHandlers(), as
 * a plain function), with a recording DAL in place of the real one, so that a red consumer test
 * always blames the consumer's code: a mistake in the DAL (exercise 5.2) cannot fail it, and a
 * consumer mistake is named precisely ("handleSupplierCreated passed contact_person_phone:
 * undefined"). The end-to-end suite then proves the real pieces together.
 *
 * A kata's consumer suite declares its DAL's methods (a row argument names its columns; a list of
 * child rows adds many: true) and its lessons once, then checks each event type in a line or
 * two: see katas/02-supplier/5.3-consumer.test.ts. A DAL whose handlers need answers (a method
 * that returns a result, a transaction that hands out its connection) gets a stand-in that
 * gives the recorded methods that behaviour: see katas/07-order/5.4-consumer.test.ts.
 */
import type { EventEnvelope, EventType, HandlerMap } from '../events/contract.ts';
import { explainMapIteratedAsArray, explainMissingPart, explainUnboundThis, handlerFrom } from './handlers.ts';
import { explainEarlierKata } from './earlier-kata.ts';
import { withCanonicalJson } from './json.ts';
import { explainsItself } from './settled-messages.ts';
import { describeRowDifferences, describeRowsMismatch, formatValue, sameValue, type Row } from './rows.ts';

/**
 * One argument of a DAL method. With columns, it is a row (an object with one field per column);
 * with columns and many, a list of rows (the child rows of later katas: variants, order items),
 * matched by their first column in any order. Columns named in json hold JSON text, compared as
 * the document it holds (key order and spacing aside). An optional argument may be left out (a
 * connection the method defaults to the pool).
 */
export type DalArgument = {
  name: string;
  columns?: readonly string[];
  many?: boolean;
  json?: readonly string[];
  optional?: boolean;
  /** a column whose value is each row's key in a map of the document, not a field (variant_key, the key of data.variants) */
  mapKey?: { column: string; map: string };
  /** columns whose missing value is not null, and what it is instead (kata 05's lists: "'[]', an empty list: the column is NOT NULL") */
  whenMissing?: Readonly<Record<string, string>>;
};
export type DalCall = { method: string; args: readonly unknown[] };

export type ConsumerUnderTestOptions<Dal> = {
  /** the DAL class's name and its methods' arguments, in order */
  dal: { name: string; methods: Readonly<Record<string, readonly DalArgument[]>> };
  /**
   * What the recorded methods do, for a DAL whose handlers need answers: a fresh stand-in for each
   * delivery. A declared method, once recorded, calls the stand-in's method of the same name and
   * returns its result; the stand-in's other methods (a transaction helper) are handed to the
   * consumer as they are, unrecorded. Without it, every method resolves to undefined.
   */
  standIn?: () => object;
  /** builds the consumer on the given DAL, as the service builds it on the real one */
  create: (dal: Dal) => { getHandlers(): HandlerMap };
  /** which method handles which event type ('user.created' -> 'handleUserCreated'), for messages */
  handlerNames: Partial<Record<EventType, string>>;
  lessons: {
    /** the exercise: what each handler must do */
    exercise: string;
    /** where "a missing value becomes null" is taught (the flattening map) */
    nulls: string;
    /** where "a handler lets a DAL failure through" is taught */
    failures: string;
    /** the stub comment that warns about `this` in getHandlers() */
    unboundThis: string;
  };
};

export type ConsumerUnderTest = {
  /** Delivers the event as the framework does and returns the DAL calls the handler made (rethrows its error, explained). */
  deliver(event: EventEnvelope<object>): Promise<DalCall[]>;
  /** Delivers the event and checks the handler made exactly these DAL calls, argument by argument. */
  expectDalCalls(event: EventEnvelope<object>, expected: readonly DalCall[], why: string): Promise<void>;
  /**
   * Delivers the event with a DAL that fails (every method, or only `method`): the handler must
   * reject, or the event would be lost.
   */
  expectRejectsWhenDalFails(event: EventEnvelope<object>, method?: string): Promise<void>;
};

/** overlaps: a DAL call made while an earlier one was still running ("replaceVariants while insertProduct") */
type Delivery = { calls: DalCall[]; overlaps: string[]; consumer: object; failed: boolean; error?: unknown; notAwaited: string[] };

/**
 * A DAL call's result as the handler gets it: a thenable that notes whether anyone waited for it
 * (await, .then, .catch, Promise.all, a returned promise). A call nobody waited for when the
 * handler resolved was not awaited: its failure would come after the framework had committed the
 * event. Its rejection is caught here, so that a missing await is one named failure, not a flood
 * of unhandled rejections.
 */
function observed<T>(promise: Promise<T>, onObserved: () => void): PromiseLike<T> & Pick<Promise<T>, 'catch' | 'finally'> {
  promise.catch(() => {});
  return {
    then: (fulfilled, rejected) => (onObserved(), promise.then(fulfilled, rejected)),
    catch: (rejected) => (onObserved(), promise.catch(rejected)),
    finally: (settled) => (onObserved(), promise.finally(settled)),
  };
}

/** The simulated failure of expectRejectsWhenDalFails: what mysql2 rejects with when the server is gone. */
export class SimulatedDatabaseFailure extends Error {
  readonly code = 'ECONNREFUSED';
  constructor(method: string) {
    super(`connect ECONNREFUSED (a failure the test simulated in this.dal.${method}())`);
    this.name = 'SimulatedDatabaseFailure';
  }
}

export function consumerUnderTest<Dal>(options: ConsumerUnderTestOptions<Dal>): ConsumerUnderTest {
  const { lessons } = options;
  const nameOf = (eventType: string) => options.handlerNames[eventType as EventType] ?? `the ${eventType} handler`;
  const signature = (method: string) => `this.dal.${method}(${(options.dal.methods[method] ?? []).map((argument) => argument.name).join(', ')})`;
  /** A call as the handler made it: the names of the arguments it passed, no more (no connection when it passed none). */
  const asCalled = (call: DalCall) => {
    const names = (options.dal.methods[call.method] ?? []).slice(0, call.args.length).map((argument) => argument.name);
    const extra = call.args.length - names.length;
    return `this.dal.${call.method}(${[...names, ...(extra > 0 ? [`${extra} more`] : [])].join(', ')})`;
  };

  async function run(event: EventEnvelope<object>, failing: boolean | string = false): Promise<Delivery> {
    const calls: DalCall[] = [];
    const overlaps: string[] = [];
    const running = new Set<string>();
    // the DAL calls nobody has waited for yet (observed() removes each once awaited)
    const waiting = new Set<{ label: string }>();
    const standIn = options.standIn?.() as Record<string, unknown> | undefined;
    // a stand-in's own methods (a transaction helper) are not recorded, but a promise of theirs that
    // nobody awaits is the same mistake as an unawaited DAL call (void this.dal.transaction(...))
    const unrecorded = standIn
      ? Object.fromEntries(
          methodsOf(standIn)
            .filter((name) => !Object.hasOwn(options.dal.methods, name))
            .map((name) => [
              name,
              (...args: unknown[]) => {
                const result = (standIn[name] as (...values: unknown[]) => unknown).apply(standIn, args);
                if (typeof (result as PromiseLike<unknown> | undefined)?.then !== 'function') return result;
                const pending = { label: `this.dal.${name}()` };
                waiting.add(pending);
                return observed(result as Promise<unknown>, () => waiting.delete(pending));
              },
            ]),
        )
      : {};
    async function recorded(method: string, argumentsOf: readonly DalArgument[], args: unknown[]): Promise<unknown> {
      calls.push({ method, args });
      for (const earlier of running) overlaps.push(`${method} while ${earlier}`);
      running.add(method);
      try {
        // a statement takes a round trip: resolve later, so that a call made before the previous one finished shows
        await new Promise((resolve) => setImmediate(resolve));
        // what the driver does with undefined, so the handler sees the same failure as in production
        if (undefinedArguments(argumentsOf, args).length > 0) throw new TypeError('Bind parameters must not contain undefined. To pass SQL NULL specify JS null');
        if (failing === true || failing === method) throw new SimulatedDatabaseFailure(method);
        const behaviour = standIn?.[method];
        return typeof behaviour === 'function' ? await (behaviour as (...values: unknown[]) => unknown).apply(standIn, args) : undefined;
      } finally {
        running.delete(method);
      }
    }
    const dal = {
      ...unrecorded,
      ...Object.fromEntries(
        Object.entries(options.dal.methods).map(([method, argumentsOf]) => [
          method,
          (...args: unknown[]) => {
            const pending = { label: `this.dal.${method}()` };
            waiting.add(pending);
            return observed(recorded(method, argumentsOf, args), () => waiting.delete(pending));
          },
        ]),
      ),
    };
    const consumer = options.create(dal as Dal);
    const handler = handlerFrom(consumer.getHandlers(), event.event_type as EventType, lessons.exercise);
    const notAwaited = () => [...waiting].map((pending) => pending.label);
    try {
      await handler(event);
      return { calls, overlaps, consumer, failed: false, notAwaited: notAwaited() };
    } catch (error) {
      return { calls, overlaps, consumer, failed: true, error, notAwaited: notAwaited() };
    }
  }

  /** Names the first undefined value handed to the DAL, even when the handler swallowed the driver's error. */
  function checkNoUndefined(eventType: string, calls: readonly DalCall[]): void {
    for (const call of calls) {
      const names = undefinedArguments(options.dal.methods[call.method] ?? [], call.args);
      if (names.length === 0) continue;
      // a map's key read as a field (Object.values, then variant.variant_key): null is not the fix, the key is
      const keyed = (options.dal.methods[call.method] ?? []).find((argument) => argument.mapKey !== undefined)?.mapKey;
      const lostKey = keyed && names.find((name) => name.replace(' (missing)', '').endsWith(`.${keyed.column}`) || name.replace(' (missing)', '') === keyed.column);
      if (keyed && lostKey) {
        throw new Error(
          `${nameOf(eventType)} passed ${lostKey.replace(' (missing)', '')}: ${lostKey.endsWith(' (missing)') ? 'absent' : 'undefined'} to ${signature(call.method)}.\n` +
            `${keyed.column} is not a field of the element: it is the element's KEY in ${keyed.map}, a map ({ "red-xl": {...}, "navy-m": {...} }), and the column is NOT NULL (null is not the fix). ` +
            `Object.entries(${keyed.map} ?? {}) gives [key, value] pairs: ${keyed.column} is the key (Object.values drops the keys).\n${lessons.nulls}`,
        );
      }
      // a column whose missing value is not null (an empty list): its own words, not "?? null"
      const instead = Object.entries((options.dal.methods[call.method] ?? []).find((argument) => argument.whenMissing)?.whenMissing ?? {});
      const notNull = instead.filter(([column]) => names.some((name) => name.replace(' (missing)', '').split('.').at(-1) === column));
      if (notNull.length > 0) {
        throw new Error(
          `${nameOf(eventType)} passed ${notNull.map(([column]) => column).join(', ')}: undefined to ${signature(call.method)}.\n` +
            notNull.map(([column, value]) => `A missing ${column} is ${value} (null is not the fix).`).join('\n') +
            `\n${lessons.nulls}`,
        );
      }
      const missing = names.filter((name) => name.endsWith(' (missing)')).map((name) => name.replace(' (missing)', ''));
      const undefinedOnes = names.filter((name) => !name.endsWith(' (missing)'));
      const lines = [
        undefinedOnes.length > 0 ? `${nameOf(eventType)} passed ${undefinedOnes.join(', ')}: undefined to ${signature(call.method)}; a missing value must be null.` : '',
        missing.length > 0 ? `${nameOf(eventType)} passed a row without ${missing.join(', ')} to ${signature(call.method)}: every column needs a value, null when the event has none.` : '',
        `The database driver refuses undefined ("Bind parameters must not contain undefined"): end each optional read with ?? null.`,
        lessons.nulls,
      ];
      throw new Error(lines.filter(Boolean).join('\n'));
    }
  }

  /** Each DAL call must finish before the next starts: the second may need the first done (a foreign key), and overlapping calls run in no set order. */
  function checkOneAtATime(eventType: string, overlaps: readonly string[]): void {
    if (overlaps.length === 0) return;
    const [later, earlier] = overlaps[0]!.split(' while ');
    throw new Error(
      `${nameOf(eventType)} called this.dal.${later}() while this.dal.${earlier}() was still running (Promise.all, or a call without await).\n` +
        `The two then run at the same time, in no telling which order (on the pool each takes its own connection and they race; on one ` +
        `transaction's connection their statements queue in whatever order the calls reach it): a write that needs the other one done ` +
        `(a child row needs its parent stored, the foreign key) fails now and then. Await each call before the next.\n${lessons.exercise}`,
    );
  }

  async function deliver(event: EventEnvelope<object>): Promise<DalCall[]> {
    const delivery = await run(event);
    // the mistakes these name are the news, whatever error a test expected (settled-messages.ts)
    try {
      checkNoUndefined(event.event_type, delivery.calls);
      checkOneAtATime(event.event_type, delivery.overlaps);
    } catch (error) {
      throw error instanceof Error ? explainsItself(error) : error;
    }
    if (!delivery.failed && delivery.notAwaited.length > 0) {
      throw explainsItself(new Error(
        `${nameOf(event.event_type)} resolved before ${[...new Set(delivery.notAwaited)].join(', ')} finished: nothing awaited ${delivery.notAwaited.length > 1 ? 'those calls' : 'that call'} ` +
          `(an await left out, or forEach with an async callback, which waits for nothing).\n` +
          `When a handler resolves, the framework counts the event as stored and commits its offset: a call still running then can fail with nobody to hear it, and the event is lost. ` +
          `Write await before each DAL call (for a list, a for...of loop with await in it).\n${lessons.failures}`,
      ));
    }
    if (delivery.failed) {
      const explained = explainUnboundThis(explainEarlierKata(delivery.error), {
        consumer: delivery.consumer,
        eventType: event.event_type as EventType,
        handlerName: options.handlerNames[event.event_type as EventType],
        pointer: lessons.unboundThis,
      });
      const mapLooped = explainMapIteratedAsArray(explained, { eventType: event.event_type, pointer: lessons.nulls });
      throw explainMissingPart(mapLooped, { eventType: event.event_type, pointer: lessons.exercise, data: event.data });
    }
    return delivery.calls;
  }

  return {
    deliver,

    async expectDalCalls(event, expected, whyAndPointer) {
      const calls = await deliver(event);
      const handler = nameOf(event.event_type);
      // a `why` that names its own lesson place ("→ Read ...") gives the one pointer, at the end
      const pointerLines = whyAndPointer.split('\n').filter((line) => line.startsWith('→ '));
      const why = whyAndPointer.split('\n').filter((line) => !line.startsWith('→ ')).join('\n');
      const pointer = pointerLines.length > 0 ? pointerLines.join('\n') : lessons.exercise;
      const describeCalls = (list: readonly DalCall[]) => list.map((call) => `this.dal.${call.method}()`).join(', then ');
      if (calls.length !== expected.length || calls.some((call, index) => call.method !== expected[index]!.method)) {
        throw new Error(
          `${why}\n${handler} should call ${expected.map((call) => signature(call.method)).join(', then ')}` +
            `${expected.length === 1 ? ' once' : ''}; it ${calls.length === 0 ? 'made no DAL call' : `called ${describeCalls(calls)}`}.\n${pointer}`,
        );
      }
      calls.forEach((call, index) => {
        const differences = argumentDifferences(options.dal.methods[call.method] ?? [], call.args, expected[index]!.args);
        if (differences.length > 0) {
          throw new Error([why, `${handler} called ${asCalled(call)} with other values than expected (✗ marks each):`, ...differences, pointer].join('\n'));
        }
      });
    },

    async expectRejectsWhenDalFails(event, failingMethod) {
      // first with a working DAL: a stub, or a handler that never reaches the DAL, must not pass this test
      const calls = await deliver(event);
      const handler = nameOf(event.event_type);
      if (calls.length === 0) throw new Error(`${handler} made no DAL call for this ${event.event_type} event.\n${lessons.exercise}`);
      if (failingMethod !== undefined && !calls.some((call) => call.method === failingMethod)) {
        throw new Error(`${handler} never called ${signature(failingMethod)} for this ${event.event_type} event.\n${lessons.exercise}`);
      }
      const broken = await run(event, failingMethod ?? true);
      if (broken.failed) return;
      const method = failingMethod ?? broken.calls[0]?.method ?? calls[0]!.method;
      throw new Error(
        `${handler} resolved although this.dal.${method}() failed: the error was caught and not passed on.\n` +
          `When a handler resolves, the framework counts the event as stored and commits its offset: this event would be lost for good, ` +
          `never retried and never dead-lettered. At-least-once delivery only holds if a failure reaches the framework.\n` +
          `Let the error propagate: no try/catch around the DAL call that only logs (rethrow after logging if you must log).\n${lessons.failures}`,
      );
    },
  };
}

/** The arguments (or columns of a row argument) that are undefined; a column absent from the row is marked " (missing)". */
export function undefinedArguments(spec: readonly DalArgument[], args: readonly unknown[]): string[] {
  const names: string[] = [];
  const checkRow = (row: Row, columns: readonly string[], prefix: string) => {
    for (const column of columns) {
      if (!Object.hasOwn(row, column)) names.push(`${prefix}${column} (missing)`);
      else if (row[column] === undefined) names.push(`${prefix}${column}`);
    }
    for (const [key, field] of Object.entries(row)) if (field === undefined && !columns.includes(key)) names.push(`${prefix}${key}`);
  };
  spec.forEach((argument, index) => {
    const value = args[index];
    if (argument.columns && argument.many && Array.isArray(value)) {
      value.forEach((row, position) => {
        if (typeof row === 'object' && row !== null) checkRow(row as Row, argument.columns!, `${argument.name}[${position}].`);
        else if (row === undefined) names.push(`${argument.name}[${position}]`);
      });
    } else if (argument.columns && typeof value === 'object' && value !== null) {
      checkRow(value as Row, argument.columns, '');
    } else if (value === undefined && !argument.optional) {
      names.push(argument.name);
    }
  });
  return names;
}

/** The methods an object has, up to Object.prototype (a class instance's live on its prototype). */
function methodsOf(object: object): string[] {
  const names = new Set<string>();
  for (let current: object | null = object; current && current !== Object.prototype; current = Object.getPrototypeOf(current)) {
    for (const name of Object.getOwnPropertyNames(current)) {
      if (name !== 'constructor' && typeof (object as Record<string, unknown>)[name] === 'function') names.add(name);
    }
  }
  return [...names];
}

/** The differing arguments as table lines: rows column by column, other arguments by name. */
function argumentDifferences(spec: readonly DalArgument[], found: readonly unknown[], expected: readonly unknown[]): string[] {
  const lines: string[] = [];
  const scalars: string[][] = [];
  spec.forEach((argument, index) => {
    const value = found[index];
    const wanted = expected[index];
    // JSON text compared as the document it holds: JSON.stringify(x, null, 2) is as right as JSON.stringify(x)
    const canonical = (row: unknown) => (typeof row === 'object' && row !== null ? withCanonicalJson(row as Row, argument.json ?? []) : (row as Row));
    if (argument.columns && argument.many && Array.isArray(value) && Array.isArray(wanted)) {
      const mismatch = describeRowsMismatch(value.map(canonical), wanted.map(canonical), argument.columns, argument.name);
      if (mismatch) lines.push(...mismatch.split('\n').map((line) => `  ${line}`));
    } else if (argument.columns && typeof value === 'object' && value !== null && typeof wanted === 'object' && wanted !== null) {
      const differences = describeRowDifferences(canonical(value), canonical(wanted), argument.columns);
      if (differences.length > 0) lines.push(`  ${argument.name}:`, ...differences);
    } else if (!sameValue(value, wanted)) {
      scalars.push(['✗', argument.name, formatValue(wanted), formatValue(value)]);
    }
  });
  if (found.length > spec.length) scalars.push(['✗', `(${found.length - spec.length} extra argument(s))`, '', formatValue(found.slice(spec.length))]);
  if (scalars.length > 0) {
    const rows = [['', 'argument', 'expected', 'found'], ...scalars];
    const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
    lines.push(...rows.map((row) => '  ' + row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()));
  }
  return lines;
}
