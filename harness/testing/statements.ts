/**
 * What a DAL sends to the database, observed on the way: mysql2 publishes every query() and
 * execute() on node:diagnostics_channel ('mysql2:query', 'mysql2:execute'), with the SQL text,
 * the parameters and the database. A suite records the statements one DAL call sends and checks
 * that every value travelled as a ? parameter, whatever the value: an id made of hex digits
 * pasted into the text works as well as a parameter, until the day a value holds a quote.
 *
 *   const { statements } = await db.sent(() => dal.deleteSupplier(row.supplier_id));
 *   assertSentAsParameters('SupplierDAL.deleteSupplier', statements, { supplier_id: row.supplier_id }, pointer);
 */
import { tracingChannel } from 'node:diagnostics_channel';
import { formatValue, sameValue } from './rows.ts';

export type SentStatement = {
  /** the SQL text as the server receives it (query() fills client-side placeholders in first) */
  sql: string;
  /** the values sent with it ([] when none) */
  values: readonly unknown[];
  database: string;
  /** query() sends its values inside the text (the driver quotes them in); execute() apart, as a prepared statement */
  kind?: 'query' | 'execute';
};

type TraceContext = { query?: unknown; values?: unknown; database?: unknown };

const listeners = new Set<(statement: SentStatement) => void>();
let subscribed = false;

function subscribe(): void {
  if (subscribed) return;
  subscribed = true;
  for (const name of ['mysql2:query', 'mysql2:execute']) {
    tracingChannel<object, TraceContext>(name).start.subscribe((message) => {
      const context = message as TraceContext;
      const statement: SentStatement = {
        sql: String(context.query ?? ''),
        values: Array.isArray(context.values) ? context.values : context.values === undefined ? [] : [context.values],
        database: String(context.database ?? ''),
        kind: name === 'mysql2:query' ? 'query' : 'execute',
      };
      for (const listener of listeners) listener(statement);
    });
  }
}

/** Runs fn and returns, with its result, the statements sent to `database` while it ran. */
export async function recordStatements<T>(database: string, fn: () => Promise<T>): Promise<{ result: T; statements: SentStatement[] }> {
  subscribe();
  const statements: SentStatement[] = [];
  const listener = (statement: SentStatement) => {
    if (statement.database === database) statements.push(statement);
  };
  listeners.add(listener);
  try {
    return { result: await fn(), statements };
  } finally {
    listeners.delete(listener);
  }
}

/** Nested arrays (INSERT ... VALUES ? with rows) count as parameters too. */
function flatten(values: readonly unknown[]): unknown[] {
  return values.flatMap((value) => (Array.isArray(value) ? flatten(value) : [value]));
}

/** A value as text: objects (a JSON column's value) as their JSON. */
const asText = (value: unknown) => (typeof value === 'object' && value !== null && !(value instanceof Date) ? JSON.stringify(value) : String(value));

function sentAsParameter(value: unknown, statements: readonly SentStatement[]): boolean {
  return statements.some((statement) =>
    flatten(statement.values).some((parameter) => sameValue(parameter, value) || (typeof parameter !== 'object' && asText(parameter) === asText(value))),
  );
}

export type ParameterProblem = { column: string; value: unknown; inText: boolean };

/**
 * The given values (by column) that no statement sent as a parameter; null values are skipped
 * (a NULL written in the SQL text is fine). inText tells whether the value was pasted into the text.
 */
export function parameterProblems(statements: readonly SentStatement[], values: Readonly<Record<string, unknown>>): ParameterProblem[] {
  return Object.entries(values)
    .filter(([, value]) => value !== null && value !== undefined && (!sentAsParameter(value, statements) || quotedInText(value, statements)))
    .map(([column, value]) => ({ column, value, inText: statements.some((statement) => statement.sql.includes(asText(value))) }));
}

/**
 * A text value written as a quoted literal in some statement's SQL, even if it was also sent as a
 * parameter once (a guard `IF('2024-…' >= event_timestamp, …)` beside a `?` elsewhere): pasted
 * all the same. Short texts are left out (a `''` or `'$.a'` literal of a right solution).
 */
function quotedInText(value: unknown, statements: readonly SentStatement[]): boolean {
  if (typeof value !== 'string' || value.length < 3) return false;
  const occurrences = (text: string, part: string) => text.split(part).length - 1;
  return statements.some((statement) => {
    const quoted = occurrences(statement.sql, `'${value}'`) + occurrences(statement.sql, `"${value}"`);
    // query() quoted each parameter into the text itself: only more copies than parameters were pasted
    const byTheDriver = statement.kind === 'query' ? flatten(statement.values).filter((parameter) => parameter === value).length : 0;
    return quoted > byTheDriver;
  });
}

const listColumns = (problems: readonly ParameterProblem[]) => problems.map((problem) => problem.column).join(', ');

/** The teaching message for values that did not travel as parameters, or undefined when all did. */
export function describeParameterProblems(call: string, statements: readonly SentStatement[], values: Readonly<Record<string, unknown>>, pointer: string): string | undefined {
  if (statements.length === 0) {
    return `${call} sent no statement to the database through the pool (getPool()).\n${pointer}`;
  }
  const problems = parameterProblems(statements, values);
  if (problems.length === 0) return undefined;
  const pasted = problems.filter((problem) => problem.inText);
  const absent = problems.filter((problem) => !problem.inText);
  const plural = (list: readonly ParameterProblem[], many: string, one: string) => (list.length > 1 ? many : one);
  const sent = [
    'What was sent:',
    ...statements.slice(0, 3).flatMap((statement) => [
      `  SQL:        ${statement.sql.replace(/\s+/g, ' ').trim().slice(0, 300)}`,
      `  parameters: ${statement.values.length === 0 ? '(none)' : formatValue(statement.values).slice(0, 300)}`,
    ]),
  ];
  // a value sent changed in the commonest way: JSON.stringify of text that was JSON already
  const stringifiedAgain = (value: unknown) =>
    typeof value === 'string' && statements.some((statement) => flatten(statement.values).some((parameter) => parameter === JSON.stringify(value)));
  const details = problems
    .slice(0, 6)
    .map(
      (problem) =>
        `  ${problem.column} = ${formatValue(problem.value)}: ${
          problem.inText
            ? 'found inside the SQL text'
            : stringifiedAgain(problem.value)
              ? 'sent through JSON.stringify once more (a parameter holds the JSON text of this JSON text): it was JSON text already, send it as it is'
              : 'neither among the parameters nor in the SQL text'
        }`,
    );
  if (pasted.length === 0) {
    // nothing pasted: the values were left out of the statement, which is another mistake than injection
    return [
      absent.every((problem) => stringifiedAgain(problem.value))
        ? `${call} sent ${listColumns(absent)} changed: through JSON.stringify once more, although ${plural(absent, 'they were', 'it was')} JSON text already.`
        : `${call} did not send ${listColumns(absent)}: no parameter holds ${plural(absent, 'them', 'it')}, and the SQL text does not contain ${plural(absent, 'them', 'it')} either.`,
      ...details,
      ...sent,
      `Nothing was pasted into the SQL: the statement leaves ${plural(absent, 'these values', 'this value')} out (or sends ${plural(absent, 'them', 'it')} changed). ` +
        `Compare its SQL and parameters with the exercise's statement: which columns it writes (and, for an UPDATE or a DELETE, which row its WHERE picks).`,
      pointer,
    ].join('\n');
  }
  const lines = [
    `${call} pasted ${listColumns(pasted)} into the SQL text instead of sending ${plural(pasted, 'them', 'it')} as ? ${plural(pasted, 'parameters', 'parameter')}.` +
      (absent.length > 0 ? ` It did not send ${listColumns(absent)} either (no parameter holds ${plural(absent, 'them', 'it')}).` : ''),
    ...details,
    ...sent,
    `A value pasted into SQL breaks on the first quote (O'Brien) and lets crafted input run SQL of its own (SQL injection).`,
    `Write one ? in the SQL for each value and pass the values in the array: execute(sql, [value, ...]), on the connection the method was given if it takes one (db.execute), else on getPool().`,
    pointer,
  ];
  return lines.join('\n');
}

/** Fails (with the teaching message) unless every non-null value travelled as a ? parameter. */
export function assertSentAsParameters(call: string, statements: readonly SentStatement[], values: Readonly<Record<string, unknown>>, pointer: string): void {
  const problem = describeParameterProblems(call, statements, values, pointer);
  if (problem) throw new Error(problem);
}
