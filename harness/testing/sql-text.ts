/** How a statement (or a value) reads in a teaching message (lock-waits.ts, unawaited-statements.ts, settled-messages.ts). */

/** The SQL of a mysql2 call's first argument: the text itself, or a query object's `sql`. */
export function sqlText(sql: unknown): string {
  if (typeof sql === 'string') return sql;
  if (sql && typeof sql === 'object' && typeof (sql as { sql?: unknown }).sql === 'string') return (sql as { sql: string }).sql;
  return String(sql);
}

/** A statement (or any text) on one line, cut at `max` characters (100 unless told). */
export function shorten(sql: string, max = 100): string {
  const line = sql.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
