/**
 * Applies CREATE TABLE statements in order. Used by the bootstrap (every kata's tables, in
 * curriculum order) and by the test harness (one kata's tables in a fresh database).
 */
import type { Pool } from 'mysql2/promise';

export class TableDefinitionError extends Error {
  readonly statement: string;
  constructor(statement: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const hint = foreignKeyHint(reason, statement);
    const pointer = hint ? foreignKeyLesson?.() : undefined;
    super(`This CREATE TABLE statement was rejected by the server: ${reason}\n${hint}\n${statement.trim()}\n${pointer ? `${pointer}\n` : ''}`);
    this.name = 'TableDefinitionError';
    this.statement = statement;
  }
}

let foreignKeyLesson: (() => string | undefined) | undefined;

/**
 * Where the running test's kata teaches parent and child tables, for the foreign-key hint below:
 * set by the test harness (setup.ts), since this module knows no kata. The service, which applies
 * every kata's tables, prints the hint without it.
 */
export function pointForeignKeysAt(lesson: () => string | undefined): void {
  foreignKeyLesson = lesson;
}

/**
 * The servers' words for a FOREIGN KEY they cannot create (MySQL: "Failed to open the referenced
 * table", "incompatible"; MariaDB: errno 150, "Foreign key constraint is incorrectly formed") get
 * the two usual causes spelled out.
 */
function foreignKeyHint(reason: string, statement = ''): string {
  if (!/referenced table|foreign key constraint|errno: ?150|referencing column|cannot be NOT NULL/i.test(reason)) return '';
  // MySQL says so ("cannot be NOT NULL: needed in a foreign key constraint ... SET NULL"); MariaDB only "incorrectly formed"
  const setNull = /\bON\s+(DELETE|UPDATE)\s+SET\s+NULL\b/i.test(statement)
    ? 'ON DELETE SET NULL empties the child\'s column when its parent goes: that column must allow NULL, and on a NOT NULL column the server refuses the key. ' +
      "Give the foreign key the ON DELETE rule the lesson's table asks for.\n"
    : '';
  return (
    setNull +
    (setNull ? 'If the column may be NULL, the other two causes: a' : 'A') +
    ' FOREIGN KEY can only point at a table that already exists: its CREATE TABLE comes earlier in the list. ' +
    'And the two columns must have the same type and character set (VARCHAR(24) and VARCHAR(24), utf8mb4 both).\n'
  );
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
