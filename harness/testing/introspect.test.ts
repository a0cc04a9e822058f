/**
 * The introspection helpers describe the same DDL the same way on MySQL 8.4, MariaDB 10.11 and
 * MariaDB 11.x: live on this run's server, and on rows recorded from the servers it cannot host.
 */
import type { RowDataPacket } from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { useKataDatabase } from './database.ts';
import { charsetOfCollation, normaliseDefault, normaliseExtra, tableSummary, tablesChildrenFirst } from './introspect.ts';

const db = useKataDatabase({
  kata: 'harness',
  tables: () => [
    `CREATE TABLE parents (
       id VARCHAR(24) NOT NULL PRIMARY KEY,
       country VARCHAR(2) NULL, state VARCHAR(50) NULL, city VARCHAR(100) NULL,
       price DECIMAL(10,2) NOT NULL DEFAULT 0.00,
       rate DOUBLE NULL,
       active BOOLEAN NOT NULL DEFAULT TRUE,
       counter INT NOT NULL DEFAULT 1,
       attributes JSON NULL,
       created_at DATETIME(6) NOT NULL,
       INDEX idx_geo (country, state, city),
       UNIQUE KEY uq_city (city)
     ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
    `CREATE TABLE children (
       id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
       parent_id VARCHAR(24) NOT NULL,
       child_key VARCHAR(50) NOT NULL,
       UNIQUE KEY uq_parent_key (parent_id, child_key),
       CONSTRAINT fk_children_parent FOREIGN KEY (parent_id) REFERENCES parents (id) ON DELETE CASCADE
     ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
    `CREATE TABLE stamped (
       id INT NOT NULL PRIMARY KEY,
       label VARCHAR(10) NOT NULL DEFAULT 'none',
       updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)
     ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
  ],
});

describe('tablesChildrenFirst (the order reset() empties tables in)', () => {
  it('puts a child before its parent, and gives up on a table that refers to itself', async () => {
    const order = await tablesChildrenFirst(db.pool);
    expect(order?.toSorted()).toEqual(['children', 'parents', 'stamped']);
    expect(order!.indexOf('children')).toBeLessThan(order!.indexOf('parents'));
    await db.pool.query('CREATE TABLE looped (id INT PRIMARY KEY, up INT NULL, FOREIGN KEY (up) REFERENCES looped (id))');
    try {
      expect(await tablesChildrenFirst(db.pool)).toBeUndefined();
    } finally {
      await db.pool.query('DROP TABLE looped');
    }
  });

  it('empties every table, children and parents alike', async () => {
    await db.pool.query("INSERT INTO parents (id, created_at) VALUES ('p1', NOW(6))");
    await db.pool.query("INSERT INTO children (parent_id, child_key) VALUES ('p1', 'a')");
    await db.reset();
    expect(await db.rows('SELECT (SELECT COUNT(*) FROM parents) + (SELECT COUNT(*) FROM children) AS n')).toEqual([{ n: 0 }]);
  });
});

describe('describeTable', () => {
  it('normalises column types across MySQL and MariaDB (JSON included)', async () => {
    const parents = (await db.describe('parents'))!;
    expect(parents.columns.map((c) => [c.name, c.type, c.nullable])).toEqual([
      ['id', 'varchar(24)', false],
      ['country', 'varchar(2)', true],
      ['state', 'varchar(50)', true],
      ['city', 'varchar(100)', true],
      ['price', 'decimal(10,2)', false],
      ['rate', 'double', true],
      ['active', 'tinyint(1)', false],
      ['counter', 'int', false],
      ['attributes', 'json', true],
      ['created_at', 'datetime(6)', false],
    ]);
    expect(parents.columns.find((c) => c.name === 'counter')!.default).toBe('1');
    expect(parents.columns.find((c) => c.name === 'rate')!.default).toBeNull();
  });

  it('reports the primary key, indexes with their column order, unique keys, engine and charset', async () => {
    const parents = (await db.describe('parents'))!;
    expect(parents.primaryKey).toEqual(['id']);
    expect(parents.indexes).toEqual(
      expect.arrayContaining([
        { name: 'idx_geo', columns: ['country', 'state', 'city'], unique: false },
        { name: 'uq_city', columns: ['city'], unique: true },
      ]),
    );
    expect([parents.engine, parents.charset]).toEqual(['InnoDB', 'utf8mb4']);
  });

  it('reports foreign keys with their ON DELETE rule and AUTO_INCREMENT', async () => {
    const children = (await db.describe('children'))!;
    expect(children.foreignKeys).toEqual([
      { name: 'fk_children_parent', columns: ['parent_id'], referencedTable: 'parents', referencedColumns: ['id'], onDelete: 'CASCADE', onUpdate: 'RESTRICT' },
    ]);
    expect(children.columns[0]).toMatchObject({ name: 'id', type: 'bigint unsigned', extra: 'auto_increment' });
    expect(children.indexes).toContainEqual({ name: 'uq_parent_key', columns: ['parent_id', 'child_key'], unique: true });
  });

  it('returns undefined for a table that does not exist', async () => {
    expect(await db.describe('nope')).toBeUndefined();
  });
});

describe('describeTable on what differs between servers', () => {
  it('reports timestamp defaults and ON UPDATE alike (MySQL: CURRENT_TIMESTAMP(6) + DEFAULT_GENERATED)', async () => {
    const stamped = (await db.describe('stamped'))!;
    expect(stamped.columns.map((c) => [c.name, c.default, c.extra])).toEqual([
      ['id', null, ''],
      ['label', 'none', ''],
      ['updated_at', 'current_timestamp(6)', 'on update current_timestamp(6)'],
    ]);
  });

  it('gives JSON columns no character set (MariaDB stores them as utf8mb4 LONGTEXT, MySQL as JSON)', async () => {
    const parents = (await db.describe('parents'))!;
    expect(parents.columns.find((c) => c.name === 'attributes')!.charset).toBeNull();
    expect(parents.columns.find((c) => c.name === 'city')!.charset).toBe('utf8mb4');
  });

  it("reads utf8mb4 from MariaDB 11's default collation utf8mb4_uca1400_ai_ci (MariaDB 10.10+ has it too)", async (context) => {
    try {
      await db.pool.query('CREATE TABLE uca (id INT PRIMARY KEY, name VARCHAR(10)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_uca1400_ai_ci');
    } catch (error) {
      if ((error as { errno?: number }).errno === 1273) return context.skip('this server has no uca1400 collations (MySQL)');
      throw error;
    }
    try {
      const uca = (await db.describe('uca'))!;
      expect(uca.charset).toBe('utf8mb4');
      expect(uca.columns.find((c) => c.name === 'name')!.charset).toBe('utf8mb4');
    } finally {
      await db.pool.query('DROP TABLE uca');
    }
  });

  it("derives the right charset from every collation this server has", async () => {
    // MySQL and MariaDB <= 10.9: COLLATION_NAME is the full name; MariaDB 10.10+: FULL_COLLATION_NAME
    const [rows] = await db.pool.query<RowDataPacket[]>('SELECT * FROM information_schema.COLLATION_CHARACTER_SET_APPLICABILITY');
    expect(rows.length).toBeGreaterThan(50);
    const wrong = rows
      .map((row) => ({ collation: String(row.FULL_COLLATION_NAME ?? row.COLLATION_NAME), charset: String(row.CHARACTER_SET_NAME) }))
      .filter(({ collation, charset }) => charsetOfCollation(collation) !== charset);
    expect(wrong).toEqual([]);
  });
});

/**
 * Rows as each server returns them (MySQL 8.4 and MariaDB 11.4 from their documentation and
 * reports, MariaDB 10.11 recorded here). MariaDB 11.4+ names the default collation
 * utf8mb4_uca1400_ai_ci in TABLES, while its COLLATION_CHARACTER_SET_APPLICABILITY row has
 * COLLATION_NAME = 'uca1400_ai_ci': a join on the name found no charset (reported as null).
 */
const recorded = {
  'MySQL 8.4': {
    table: { engine: 'InnoDB', collation: 'utf8mb4_0900_ai_ci' },
    applicability: { COLLATION_NAME: 'utf8mb4_0900_ai_ci', CHARACTER_SET_NAME: 'utf8mb4' },
    timestampColumn: { COLUMN_DEFAULT: 'CURRENT_TIMESTAMP(6)', EXTRA: 'DEFAULT_GENERATED on update CURRENT_TIMESTAMP(6)' },
  },
  'MariaDB 10.11': {
    table: { engine: 'InnoDB', collation: 'utf8mb4_general_ci' },
    applicability: { COLLATION_NAME: 'utf8mb4_general_ci', CHARACTER_SET_NAME: 'utf8mb4', FULL_COLLATION_NAME: 'utf8mb4_general_ci', ID: 45, IS_DEFAULT: 'Yes' },
    timestampColumn: { COLUMN_DEFAULT: 'current_timestamp(6)', EXTRA: 'on update current_timestamp(6)' },
  },
  'MariaDB 11.4': {
    table: { engine: 'InnoDB', collation: 'utf8mb4_uca1400_ai_ci' },
    applicability: { COLLATION_NAME: 'uca1400_ai_ci', CHARACTER_SET_NAME: 'utf8mb4', FULL_COLLATION_NAME: 'utf8mb4_uca1400_ai_ci', ID: 2304, IS_DEFAULT: 'Yes' },
    timestampColumn: { COLUMN_DEFAULT: 'current_timestamp(6)', EXTRA: 'on update current_timestamp(6)' },
  },
} as const;

describe('recorded information_schema rows of MySQL 8.4, MariaDB 10.11 and MariaDB 11.4', () => {
  it.each(Object.entries(recorded))('%s: a utf8mb4 table is utf8mb4', (_server, rows) => {
    expect(tableSummary(rows.table)).toEqual({ engine: 'InnoDB', charset: 'utf8mb4' });
    const applicability = rows.applicability as { COLLATION_NAME: string; CHARACTER_SET_NAME: string; FULL_COLLATION_NAME?: string };
    expect(charsetOfCollation(applicability.FULL_COLLATION_NAME ?? applicability.COLLATION_NAME)).toBe(applicability.CHARACTER_SET_NAME);
  });

  it.each(Object.entries(recorded))('%s: DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6) reads the same', (_server, rows) => {
    expect([normaliseDefault(rows.timestampColumn.COLUMN_DEFAULT), normaliseExtra(rows.timestampColumn.EXTRA)]).toEqual([
      'current_timestamp(6)',
      'on update current_timestamp(6)',
    ]);
  });

  it("MariaDB 11.4's collation table row has no charset prefix: the old join could not match it", () => {
    const { table, applicability } = recorded['MariaDB 11.4'];
    expect(applicability.COLLATION_NAME).not.toBe(table.collation);
    expect(charsetOfCollation('binary')).toBe('binary');
    expect(charsetOfCollation('latin1_swedish_ci')).toBe('latin1');
  });
});
