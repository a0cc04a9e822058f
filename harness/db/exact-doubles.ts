/**
 * Reading DOUBLE columns exactly through query(). mysql2 parses the text protocol's numbers with a
 * quick loop of its own (digits times ten, then one division), which gets some doubles of 16 or 17
 * significant digits one bit wrong: 985.9908324725513 comes back as 985.9908324725512, about one
 * value in twenty. The server's text is right (it is the shortest text that reads back to the
 * stored double); JavaScript's Number() reads it exactly. Pass this as a query's typeCast:
 *
 *   pool.query({ sql, typeCast: exactDoubles }, values)
 *
 * execute() needs none of this: its binary protocol sends a DOUBLE as its eight bytes.
 */
export function exactDoubles(field: { type: string; string(): string | null }, next: () => unknown): unknown {
  if (field.type !== 'DOUBLE') return next();
  const text = field.string();
  return text === null ? null : Number(text);
}
