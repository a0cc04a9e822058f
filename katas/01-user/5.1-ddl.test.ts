/**
 * Exercise 5.1 (DDL): the `users` table, read back from the server's information_schema.
 * Run: npm test -- katas/01-user/5.1
 */
import { describe, expect, it } from 'vitest';
import { applyTables } from '../../harness/db/tables.ts';
import { assertColumnDefaults, readColumnDefaults, type ColumnDefault } from '../../harness/testing/column-defaults.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import type { ColumnSpec } from '../../harness/testing/matchers.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { tables } from './tables.ts';

const lesson = lessonFor('01-user');
const db = useKataDatabase({ kata: '01-user', tables: () => tables });
const users = () => db.table('users', '5.1');

/** The course's `users` table (README, "3. Schema deep dive"). */
const USERS: ColumnSpec[] = [
  { name: 'user_id', type: 'varchar(24)', nullable: false },
  { name: 'email', type: 'varchar(255)', nullable: false },
  { name: 'phone', type: 'varchar(50)', nullable: true },
  { name: 'display_name', type: 'varchar(100)', nullable: true },
  { name: 'avatar', type: 'varchar(500)', nullable: true },
  { name: 'bio', type: 'text', nullable: true },
  { name: 'version', type: 'int', nullable: false },
  { name: 'deleted_at', type: 'datetime(6)', nullable: true },
  { name: 'created_at', type: 'datetime(6)', nullable: false },
  { name: 'updated_at', type: 'datetime(6)', nullable: false },
  { name: 'event_id', type: 'varchar(36)', nullable: false },
  { name: 'event_timestamp', type: 'datetime(6)', nullable: false },
];

/** No DEFAULT clause: a NULL column then defaults to NULL, a NOT NULL column has no default at all. */
const withoutDefault = (column: ColumnSpec): ColumnDefault => (column.nullable ? { kind: 'null' } : { kind: 'none' });
const defaults = lesson.paragraph('3. Schema deep dive', 'DEFAULT: one column has one');

describe('Exercise 5.1: CREATE TABLE users', () => {
  it('has the 12 columns with the course\'s types and nullability', async () => {
    expect(await users()).toHaveColumns(USERS, lesson.section('3. Schema deep dive'));
  });

  it('lists the columns in the course\'s order', async () => {
    expect(await users()).toHaveColumnOrder(USERS.map((column) => column.name), lesson.section('3. Schema deep dive'));
  });

  it('version has DEFAULT 1 (a row written without a version starts at the first one)', async () => {
    await users();
    assertColumnDefaults('users', await readColumnDefaults(db.pool, 'users'), { version: { kind: 'literal', value: '1' } }, defaults);
  });

  it('no other column has a DEFAULT (a missing time or email must be refused, not filled in)', async () => {
    await users();
    const expected = Object.fromEntries(USERS.filter((column) => column.name !== 'version').map((column) => [column.name, withoutDefault(column)]));
    assertColumnDefaults('users', await readColumnDefaults(db.pool, 'users'), expected, defaults);
  });

  it('uses user_id (the MongoDB ObjectId) as PRIMARY KEY', async () => {
    expect(await users()).toHavePrimaryKey(['user_id'], lesson.exercise('5.1'));
  });

  it('has an index on email (look-ups by email)', async () => {
    expect(await users()).toHaveIndexOn(['email'], lesson.section('3. Schema deep dive'), { unique: false });
  });

  it('has an index on created_at (sign-ups per day)', async () => {
    expect(await users()).toHaveIndexOn(['created_at'], lesson.section('3. Schema deep dive'), { unique: false });
  });

  it('is an InnoDB table in utf8mb4 (emoji need 4 bytes)', async () => {
    expect(await users()).toUseEngineAndCharset('InnoDB', 'utf8mb4', lesson.exercise('5.1'));
  });

  it('can run again at the next service start without failing (IF NOT EXISTS)', async () => {
    await users();
    await expect(
      applyTables(db.pool, tables),
      `The service applies tables.ts at every start, on a database that already has the table: each statement must be CREATE TABLE IF NOT EXISTS, which leaves a table that exists as it is (a plain CREATE TABLE fails with "already exists").\n${lesson.exercise('5.1')}`,
    ).resolves.toBeUndefined();
  });
});
