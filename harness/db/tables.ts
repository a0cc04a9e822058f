/**
 * Applies CREATE TABLE statements in order. Used by the bootstrap (every kata's tables, in
 * curriculum order) and by the test harness (one kata's tables in a fresh database).
 */
import type { Pool } from 'mysql2/promise';

export class TableDefinitionError extends Error {
  readonly statement: string;
  constructor(statement: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`This CREATE TABLE statement was rejected by the server: ${reason}\n\n${statement.trim()}\n`, { cause });
    this.name = 'TableDefinitionError';
    this.statement = statement;
  }
}

export async function applyTables(pool: Pool, statements: readonly string[]): Promise<void> {
  for (const statement of statements) {
    try {
      await pool.query(statement);
    } catch (error) {
      throw new TableDefinitionError(statement, error);
    }
  }
}
