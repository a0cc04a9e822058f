/**
 * DOUBLE columns read through query() with exactDoubles come back bit for bit, and every other
 * type as the pool returns it (JSON parsed, DATETIME(6) as text).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useKataDatabase } from '../testing/database.ts';
import { exactDoubles } from './exact-doubles.ts';

const db = useKataDatabase({
  kata: 'harness',
  tables: () => ['CREATE TABLE measures (id INT PRIMARY KEY, rate DOUBLE NULL, doc JSON NULL, at DATETIME(6) NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4'],
});

// 985.9908324725513 is one that mysql2's own text parser reads as 985.9908324725512
const doubles = [985.9908324725513, 0.1 + 0.2, 1e-9, 5e-324, 1.7976931348623157e308, -0, 0, ...fc.sample(fc.double({ noNaN: true, noDefaultInfinity: true }), { numRuns: 300, seed: 42 })];

describe('exactDoubles', () => {
  it('reads every stored double back exactly through query(), db.rows() and db.select()', async () => {
    await db.reset();
    await db.pool.query('INSERT INTO measures (id, rate) VALUES ?', [doubles.map((rate, id) => [id, rate])]);
    const [queried] = await db.pool.query<{ id: number; rate: number }[] & import('mysql2').RowDataPacket[]>({ sql: 'SELECT id, rate FROM measures ORDER BY id', typeCast: exactDoubles });
    const viaRows = await db.rows<{ id: number; rate: number }>('SELECT id, rate FROM measures ORDER BY id');
    const viaSelect = (await db.select<{ id: number; rate: number }>('measures', ['id', 'rate'])).sort((a, b) => a.id - b.id);
    for (const rows of [queried, viaRows, viaSelect]) {
      // -0 is stored as 0 by the servers: compare as numbers there, bit for bit everywhere else
      const wrong = rows.filter((row) => !(Object.is(row.rate, doubles[row.id]) || (row.rate === 0 && doubles[row.id] === 0)));
      expect(wrong.map((row) => `${doubles[row.id]} came back as ${row.rate}`)).toEqual([]);
    }
  });

  it('leaves the other types to the pool: NULL, JSON parsed, DATETIME(6) as text', async () => {
    await db.reset();
    await db.pool.execute('INSERT INTO measures (id, rate, doc, at) VALUES (?, ?, ?, ?)', [1, null, JSON.stringify({ tags: ['a'] }), '2024-01-15 10:30:00.000000']);
    expect(await db.rows('SELECT rate, doc, at FROM measures')).toEqual([{ rate: null, doc: { tags: ['a'] }, at: '2024-01-15 10:30:00.000000' }]);
  });
});
