/**
 * The introspection helpers describe the same DDL the same way on MySQL 8.4 and MariaDB.
 */
import { describe, expect, it } from 'vitest';
import { useKataDatabase } from './database.ts';

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
  ],
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
