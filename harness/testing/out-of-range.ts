/**
 * A value the server refuses as out of range for its column ("Out of range value for column
 * 'total' at row 1") says only which column. The cause is the table: the column's type is narrower
 * than the values the course's data carries (a sum typed as a price). A test that writes such
 * values turns the server's words into that, with the type the lesson asks for and where to read.
 */
export type OutOfRangeContext = {
  kata: string;
  /** the type the lesson gives each column that holds numbers, by column name ('DECIMAL(12,2)') */
  types: Readonly<Record<string, string>>;
  pointer: string;
};

/** The server's refusal, explained: a second wrapper (a DAL called inside a harness write) leaves it as it is. */
class NarrowColumnError extends Error {}

const isOutOfRange = (error: unknown): error is Error =>
  error instanceof Error && !(error instanceof NarrowColumnError) && (error as { code?: unknown }).code === 'ER_WARN_DATA_OUT_OF_RANGE';

/** The explained error, or `error` itself when it is not the server's out-of-range refusal. */
export function explainOutOfRange(error: unknown, context: OutOfRangeContext): unknown {
  if (!isOutOfRange(error)) return error;
  const column = /column '([^']+)'/.exec(error.message)?.[1];
  const type = column === undefined ? undefined : context.types[column];
  return Object.assign(
    new NarrowColumnError(
      `The server refused a value as out of range for its column ("${error.message}"): ` +
        `the column's type is too narrow for the values the course's data carries` +
        (type ? `. The lesson makes ${column} ${type}` : '') +
        `; compare the column in katas/${context.kata}/tables.ts (exercise 5.1) with the lesson's table.\n${context.pointer}`,
    ),
    { code: (error as { code?: unknown }).code },
  );
}

/**
 * `target` with every method's failure explained by explainOutOfRange: a DAL under test, or the
 * harness's own writes of the rows a test needs beforehand.
 */
export function explainingOutOfRange<T extends object>(target: T, context: OutOfRangeContext): T {
  return new Proxy(target, {
    get(object, property) {
      const value = Reflect.get(object, property) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(object, args);
        if (typeof (result as PromiseLike<unknown> | undefined)?.then !== 'function') return result;
        return Promise.resolve(result).catch((error: unknown) => {
          throw explainOutOfRange(error, context);
        });
      };
    },
  });
}
