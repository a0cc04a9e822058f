/** How a statement reads in a teaching message (lock-waits.ts, unawaited-statements.ts). */

/** The SQL of a mysql2 call's first argument: the text itself, or a query object's `sql`. */
export function sqlText(sql: unknown): string {
  if (typeof sql === 'string') return sql;
  if (sql && typeof sql === 'object' && typeof (sql as { sql?: unknown }).sql === 'string') return (sql as { sql: string }).sql;
  return String(sql);
}

/** A statement on one line, cut at 100 characters. */
export function shorten(sql: string): string {
  const line = sql.replace(/\s+/g, ' ').trim();
  return line.length > 100 ? `${line.slice(0, 100)}…` : line;
}
