/**
 * Arranging rows for a test with plain SQL the harness owns (one INSERT per row, the row's keys
 * as the columns), so that a test of one DAL method never depends on another method under test:
 * a mistake in insertProduct must not turn a deleteProduct test red.
 */
import type { KataDatabase } from './database.ts';

type SqlValue = string | number | boolean | null;

export async function arrangeRows(db: KataDatabase, table: string, rows: readonly Readonly<Record<string, SqlValue>>[]): Promise<void> {
  for (const row of rows) {
    const columns = Object.keys(row);
    const sql = `INSERT INTO \`${table}\` (${columns.map((column) => `\`${column}\``).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    await db.pool.execute(sql, Object.values(row));
  }
}
