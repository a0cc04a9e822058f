/**
 * JSON columns through the harness pool: one behaviour on MySQL and MariaDB (parsed values), as
 * the pool's comment promises. MariaDB stores JSON as LONGTEXT; mysql2 learns it is JSON from
 * MariaDB's extended metadata.
 */
import { describe, expect, it } from 'vitest';
import { useKataDatabase } from '../testing/database.ts';

const db = useKataDatabase({
  kata: 'harness',
  tables: () => ['CREATE TABLE documents (id INT PRIMARY KEY, doc JSON NULL, note LONGTEXT NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4'],
});

const document = { b: 1, a: [1, 2.5, { c: 'x', d: null }], text: 'héllo "quoted"', flag: true, big: 9007199254740993n.toString() };

describe('a JSON column round trip through the pool', () => {
  it('comes back as the parsed value with execute() and query(), whatever the server', async () => {
    await db.reset();
    await db.pool.execute('INSERT INTO documents (id, doc, note) VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?)', [
      1, JSON.stringify(document), '{"a":1}',
      2, null, null,
      3, JSON.stringify('just a string'), null,
    ]);
    const expected = [
      { id: 1, doc: document, note: '{"a":1}' },
      { id: 2, doc: null, note: null },
      { id: 3, doc: 'just a string', note: null },
    ];
    const [executed] = await db.pool.execute('SELECT id, doc, note FROM documents ORDER BY id');
    expect(executed).toEqual(expected);
    const [queried] = await db.pool.query('SELECT id, doc, note FROM documents ORDER BY id');
    expect(queried).toEqual(expected);
  });

  it('accepts a plain object as an execute() parameter, and parses JSON functions too', async () => {
    await db.reset();
    await db.pool.execute('INSERT INTO documents (id, doc) VALUES (?, ?)', [7, { tags: ['a', 'b'], n: 1 }]);
    const [rows] = await db.pool.execute("SELECT doc, JSON_EXTRACT(doc, '$.tags') AS tags, JSON_OBJECT('k', 1) AS made FROM documents WHERE id = 7");
    expect(rows).toEqual([{ doc: { tags: ['a', 'b'], n: 1 }, tags: ['a', 'b'], made: { k: 1 } }]);
  });

  it('keeps integers beyond 2^53 exact, as strings', async () => {
    await db.reset();
    await db.pool.execute('INSERT INTO documents (id, doc) VALUES (?, ?)', [8, '{"id": 9007199254740993}']);
    const [rows] = await db.pool.execute('SELECT doc FROM documents WHERE id = 8');
    expect(rows).toEqual([{ doc: { id: '9007199254740993' } }]);
  });
});
