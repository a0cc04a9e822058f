/**
 * Column defaults read the same on MySQL and MariaDB: live on this run's server (run it with
 * KATA_MYSQL_URL pointing at each), and on information_schema rows recorded from both.
 */
import { describe, expect, it } from 'vitest';
import { assertColumnDefaults, columnDefaultOf, readColumnDefaults, type ColumnDefault } from './column-defaults.ts';
import { useKataDatabase } from './database.ts';

const db = useKataDatabase({
  kata: 'harness',
  tables: () => [
    `CREATE TABLE defaults_zoo (
       id INT NOT NULL PRIMARY KEY,
       version INT NOT NULL DEFAULT 1,
       quoted_number INT NOT NULL DEFAULT '7',
       price DECIMAL(10,2) NOT NULL DEFAULT 0,
       active BOOLEAN NOT NULL DEFAULT TRUE,
       status VARCHAR(20) NOT NULL DEFAULT 'pending',
       apostrophe VARCHAR(20) NOT NULL DEFAULT 'it''s',
       null_text VARCHAR(20) NOT NULL DEFAULT 'NULL',
       stamp_text VARCHAR(30) NOT NULL DEFAULT 'CURRENT_TIMESTAMP',
       number_text VARCHAR(10) NOT NULL DEFAULT '42',
       created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
       touched_at DATETIME(6) NULL DEFAULT NOW(6),
       fixed_at DATETIME(6) NOT NULL DEFAULT '2024-01-15 10:30:00.000000',
       nullable_plain VARCHAR(20) NULL,
       nullable_null VARCHAR(20) NULL DEFAULT NULL,
       required_plain VARCHAR(20) NOT NULL
     ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
  ],
});

const literal = (value: string): ColumnDefault => ({ kind: 'literal', value });
const EXPECTED: Record<string, ColumnDefault> = {
  version: literal('1'),
  quoted_number: literal('7'),
  price: literal('0.00'),
  active: literal('1'),
  status: literal('pending'),
  apostrophe: literal("it's"),
  null_text: literal('NULL'),
  stamp_text: literal('CURRENT_TIMESTAMP'),
  number_text: literal('42'),
  created_at: { kind: 'expression', sql: 'current_timestamp(6)' },
  touched_at: { kind: 'expression', sql: 'current_timestamp(6)' },
  fixed_at: literal('2024-01-15 10:30:00.000000'),
  nullable_plain: { kind: 'null' },
  nullable_null: { kind: 'null' },
  required_plain: { kind: 'none' },
};

describe('readColumnDefaults', () => {
  it('reads every kind of default the same way on this server', async () => {
    const found = await readColumnDefaults(db.pool, 'defaults_zoo');
    expect(Object.fromEntries(Object.keys(EXPECTED).map((column) => [column, found.get(column)]))).toEqual(EXPECTED);
  });

  it('assertColumnDefaults passes on the same defaults and names each difference otherwise', async () => {
    const found = await readColumnDefaults(db.pool, 'defaults_zoo');
    expect(() => assertColumnDefaults('defaults_zoo', found, EXPECTED, 'pointer')).not.toThrow();
    expect(() => assertColumnDefaults('defaults_zoo', found, { version: literal('0'), created_at: { kind: 'none' }, status: literal('1') }, '→ Read here.')).toThrow(
      /✗ version: expected DEFAULT 0, found DEFAULT 1\n {2}✗ created_at: expected no DEFAULT, found DEFAULT CURRENT_TIMESTAMP\(6\)\n {2}✗ status: expected DEFAULT 1, found DEFAULT 'pending'\n→ Read here\./,
    );
  });
});

describe('columnDefaultOf, on rows recorded from each server', () => {
  // information_schema.COLUMNS as MySQL 9.7 and MariaDB 11.8 return it for the same DDL
  it.each([
    ['DEFAULT 1', { mysql: ['1', false, ''], mariadb: ['1', false, ''] }, literal('1')],
    ["DEFAULT 'pending'", { mysql: ['pending', false, ''], mariadb: ["'pending'", false, ''] }, literal('pending')],
    ["DEFAULT 'NULL'", { mysql: ['NULL', false, ''], mariadb: ["'NULL'", false, ''] }, literal('NULL')],
    ['DEFAULT CURRENT_TIMESTAMP(6)', { mysql: ['CURRENT_TIMESTAMP(6)', false, 'DEFAULT_GENERATED'], mariadb: ['current_timestamp(6)', false, ''] }, { kind: 'expression', sql: 'current_timestamp(6)' }],
    ['DEFAULT CURRENT_TIMESTAMP', { mysql: ['CURRENT_TIMESTAMP', false, 'DEFAULT_GENERATED'], mariadb: ['current_timestamp()', false, ''] }, { kind: 'expression', sql: 'current_timestamp' }],
    ['NULL without DEFAULT', { mysql: [null, true, ''], mariadb: ['NULL', true, ''] }, { kind: 'null' }],
    ['NOT NULL without DEFAULT', { mysql: [null, false, ''], mariadb: [null, false, ''] }, { kind: 'none' }],
  ] as const)('%s', (_ddl, rows, expected) => {
    for (const server of ['mysql', 'mariadb'] as const) {
      const [columnDefault, nullable, extra] = rows[server];
      expect(columnDefaultOf({ columnDefault, nullable, extra }, server), server).toEqual(expected);
    }
  });
});
