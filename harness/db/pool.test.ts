import { describe, expect, it } from 'vitest';
import { useKataDatabase } from '../testing/database.ts';
import { closePool, configureDatabase, getPool, withTransaction } from './pool.ts';
import { applyTables, TableDefinitionError } from './tables.ts';

const db = useKataDatabase({
  kata: 'harness',
  tables: () => ['CREATE TABLE things (id INT PRIMARY KEY, label VARCHAR(20) NOT NULL, at DATETIME(6) NULL) DEFAULT CHARSET=utf8mb4'],
});

describe('the shared pool', () => {
  it('speaks UTC and utf8mb4 on every connection, whatever the machine\'s time zone', async () => {
    const connections = await Promise.all([getPool().getConnection(), getPool().getConnection(), getPool().getConnection()]);
    try {
      for (const connection of connections) {
        const [rows] = await connection.query('SELECT @@session.time_zone AS zone, @@character_set_connection AS charset');
        expect(rows).toEqual([{ zone: '+00:00', charset: 'utf8mb4' }]);
      }
    } finally {
      for (const connection of connections) connection.release();
    }
  });

  it('round-trips DATETIME(6) as text with all six fraction digits, and 4-byte characters', async () => {
    await db.reset();
    await getPool().execute('INSERT INTO things VALUES (?, ?, ?)', [1, '🧑‍💻 ok', '2024-01-15 10:30:00.123456']);
    expect(await db.rows('SELECT label, at FROM things')).toEqual([{ label: '🧑‍💻 ok', at: '2024-01-15 10:30:00.123456' }]);
  });

  it('withTransaction commits when the function resolves and rolls back when it throws', async () => {
    await db.reset();
    await withTransaction((connection) => connection.execute('INSERT INTO things (id, label) VALUES (1, ?)', ['kept']));
    await expect(
      withTransaction(async (connection) => {
        await connection.execute('INSERT INTO things (id, label) VALUES (2, ?)', ['rolled back']);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.rows('SELECT id, label FROM things ORDER BY id')).toEqual([{ id: 1, label: 'kept' }]);
  });

  it('explains what to set when no database is configured', async () => {
    const saved = process.env.KATA_MYSQL_URL;
    delete process.env.KATA_MYSQL_URL;
    await configureDatabase('');
    try {
      expect(() => getPool()).toThrow(/KATA_MYSQL_URL/);
    } finally {
      if (saved !== undefined) process.env.KATA_MYSQL_URL = saved;
      await closePool();
      const { databaseUrl } = await import('../testing/database-admin.ts');
      const { kataEnvironment } = await import('../testing/provided.ts');
      await configureDatabase(databaseUrl(kataEnvironment().mysqlUrl, db.name));
    }
  });

  it('a pool asked for while configureDatabase() closes the old one points at the new database, never the old', async () => {
    const { databaseUrl } = await import('../testing/database-admin.ts');
    const { kataEnvironment } = await import('../testing/provided.ts');
    const server = kataEnvironment().mysqlUrl;
    getPool();
    const configuring = configureDatabase(databaseUrl(server, 'kt_next_file'));
    // what a property run still going in the previous test file would do in that moment
    const meanwhile = getPool() as unknown as { pool: { config: { connectionConfig: { database: string } } } };
    try {
      expect(meanwhile.pool.config.connectionConfig.database).toBe('kt_next_file');
    } finally {
      await configuring;
      await configureDatabase(databaseUrl(server, db.name));
    }
  });

  it('applyTables names the statement the server rejected', async () => {
    const statement = 'CREATE TABLE broken (id INT PRIMARY KEY, id INT)';
    const error = await applyTables(getPool(), [statement]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableDefinitionError);
    expect((error as Error).message).toMatch(/rejected by the server: .*Duplicate column name 'id'/);
    expect((error as Error).message).toContain(statement);
  });

  it('applyTables says why a foreign key with ON DELETE SET NULL on a NOT NULL column is refused (MariaDB says only "incorrectly formed")', async () => {
    const statement = `CREATE TABLE thing_parts (
      id INT PRIMARY KEY,
      thing_id INT NOT NULL,
      CONSTRAINT fk_parts_thing FOREIGN KEY (thing_id) REFERENCES things (id) ON DELETE SET NULL
    ) DEFAULT CHARSET=utf8mb4`;
    const error = await applyTables(db.pool, [statement]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TableDefinitionError);
    expect((error as Error).message).toContain('ON DELETE SET NULL empties the child\'s column when its parent goes: that column must allow NULL');
  });
});
