/**
 * Exercise 5.1 (DDL): the `suppliers` table, read back from the server's information_schema.
 * Run: npm test -- katas/02-supplier/5.1
 */
import { describe, expect, it } from 'vitest';
import { applyTables } from '../../harness/db/tables.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import type { ColumnSpec } from '../../harness/testing/matchers.ts';
import { lessonFor } from '../../harness/testing/teach.ts';
import { tables } from './tables.ts';

const lesson = lessonFor('02-supplier');
const db = useKataDatabase({ kata: '02-supplier', tables: () => tables });
const suppliers = () => db.table('suppliers', '5.1');

const varchar = (name: string, length: number, nullable = true): ColumnSpec => ({ name, type: `varchar(${length})`, nullable });
const datetime = (name: string): ColumnSpec => ({ name, type: 'datetime(6)', nullable: false });

/** The course's `suppliers` table (README, "3. Schema deep dive"). */
const SUPPLIERS: ColumnSpec[] = [
  varchar('supplier_id', 24, false),
  varchar('email', 255, false),
  varchar('phone', 50),
  varchar('contact_person_name', 200),
  varchar('contact_person_title', 100),
  varchar('contact_person_email', 255),
  varchar('contact_person_phone', 50),
  varchar('legal_name', 255, false),
  varchar('dba_name', 255),
  varchar('tax_id', 50),
  varchar('tax_id_country', 2),
  varchar('company_type', 50),
  varchar('website', 500),
  varchar('street_line_1', 255),
  varchar('street_line_2', 255),
  varchar('city', 100),
  varchar('state', 100),
  varchar('zip_code', 20),
  varchar('country', 2),
  varchar('business_category', 100),
  varchar('facebook_url', 500),
  varchar('instagram_handle', 100),
  datetime('created_at'),
  datetime('updated_at'),
  varchar('event_id', 36, false),
  datetime('event_timestamp'),
];

describe('Exercise 5.1: CREATE TABLE suppliers', () => {
  it('has the 26 columns with the course\'s types and nullability', async () => {
    expect(await suppliers()).toHaveColumns(SUPPLIERS, lesson.section('3. Schema deep dive'));
  });

  it('lists the columns in the course\'s order', async () => {
    expect(await suppliers()).toHaveColumnOrder(SUPPLIERS.map((column) => column.name), lesson.section('3. Schema deep dive'));
  });

  it('uses supplier_id as PRIMARY KEY', async () => {
    expect(await suppliers()).toHavePrimaryKey(['supplier_id'], lesson.exercise('5.1'));
  });

  it('has one composite index on (country, state, city), in that order', async () => {
    expect(await suppliers()).toHaveIndexOn(['country', 'state', 'city'], lesson.section('3. Schema deep dive'), { unique: false });
  });

  it('has an index on email', async () => {
    expect(await suppliers()).toHaveIndexOn(['email'], lesson.section('3. Schema deep dive'), { unique: false });
  });

  it('is an InnoDB table in utf8mb4', async () => {
    expect(await suppliers()).toUseEngineAndCharset('InnoDB', 'utf8mb4', lesson.exercise('5.1'));
  });

  it('can run again at the next service start without failing (IF NOT EXISTS)', async () => {
    await suppliers();
    await expect(
      applyTables(db.pool, tables),
      `The service applies tables.ts at every start, on a database that already has the table: each statement must be CREATE TABLE IF NOT EXISTS, which leaves a table that exists as it is (a plain CREATE TABLE fails with "already exists").\n${lesson.exercise('5.1')}`,
    ).resolves.toBeUndefined();
  });
});
