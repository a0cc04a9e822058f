/** A pool whose connections are taken and never released fails the waiting statement, with the reason. */
import { describe, expect, it } from 'vitest';
import { createPool } from '../db/pool.ts';
import { databaseUrl } from './database-admin.ts';
import { useKataDatabase } from './database.ts';
import { kataEnvironment } from './provided.ts';
import { LeakedConnectionError, watchConnections } from './connection-leaks.ts';
import { isNotAboutTheData } from './properties.ts';

const db = useKataDatabase({ kata: 'harness' });

describe('watchConnections', () => {
  it('fails a wait on a dry pool after its patience, later waits at once, and recovers when a connection comes back', async () => {
    const pool = createPool(databaseUrl(kataEnvironment().mysqlUrl, db.name), { connectionLimit: 2 });
    try {
      const watch = watchConnections(pool, { pointer: '→ read about release()', patienceMs: 300 });
      const leaked = [await pool.getConnection(), await pool.getConnection()];
      const started = performance.now();
      const error = await pool.query('SELECT 1').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(LeakedConnectionError);
      expect((error as Error).message).toContain('A connection taken with getPool().getConnection() was never release()d');
      expect((error as Error).message).toContain('all 2 of its connections are taken');
      expect((error as Error).message.endsWith('→ read about release()')).toBe(true);
      expect(isNotAboutTheData(error)).toBe(true);
      expect(watch.dry).toBe(true);
      expect(performance.now() - started).toBeGreaterThanOrEqual(250);

      const quick = performance.now();
      await expect(pool.execute('SELECT 1')).rejects.toBeInstanceOf(LeakedConnectionError);
      expect(performance.now() - quick).toBeLessThan(300);

      leaked[0]!.release();
      await expect(pool.query('SELECT 1 AS one')).resolves.toEqual([[{ one: 1 }], expect.anything()]);
      expect(watch.dry).toBe(false);
      leaked[1]!.release();
    } finally {
      await pool.end();
    }
  });
});
