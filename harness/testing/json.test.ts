/** JSON columns compared by document: canonical text on both sides, on the real test server. */
import { describe, expect, it } from 'vitest';
import { useKataDatabase } from './database.ts';
import { canonicalJson, canonicalJsonText, JSON_NULL, selectWithJson, withCanonicalJson, withParsedJson } from './json.ts';
import { describeRowDifferences } from './rows.ts';

const db = useKataDatabase({ kata: 'harness', tables: () => ['CREATE TABLE documents (id INT PRIMARY KEY, body JSON NULL) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4'] });

describe('canonical JSON', () => {
  it('sorts keys at every level and drops the spacing, so two writings of one document compare equal', () => {
    expect(canonicalJsonText('{ "b": 1,\n  "a": [1, 2.50, {"z": null, "y": "é"}] }')).toBe('{"a":[1,2.5,{"y":"é","z":null}],"b":1}');
    expect(canonicalJson({ b: 1, a: { d: true, c: [] } })).toBe('{"a":{"c":[],"d":true},"b":1}');
    expect(canonicalJsonText('{"__proto__":1}')).toBe('{"__proto__":1}');
  });

  it('leaves text that is not JSON as it is, so a test shows it', () => {
    expect(canonicalJsonText('[object Object]')).toBe('[object Object]');
    expect(withCanonicalJson({ id: 1, body: '{ "b":1,"a":2 }', other: ' x ' }, ['body'])).toEqual({ id: 1, body: '{"a":2,"b":1}', other: ' x ' });
    expect(withCanonicalJson({ body: { a: 1 } }, ['body'])).toEqual({ body: { a: 1 } });
  });

  it('reads a JSON column back as canonical text; SQL NULL stays null; a JSON string stays a quoted string', async () => {
    await db.reset();
    await db.pool.execute('INSERT INTO documents VALUES (?, ?), (?, ?), (?, ?)', [1, '{"b": 1,   "a": ["x", 2.5]}', 2, null, 3, JSON.stringify('{"a":1}')]);
    expect(await selectWithJson(db, 'documents', ['id', 'body'], { json: ['body'] })).toEqual([
      { id: 1, body: '{"a":["x",2.5],"b":1}' },
      { id: 2, body: null },
      { id: 3, body: '"{\\"a\\":1}"' },
    ]);
    expect(await selectWithJson(db, 'documents', ['body'], { json: ['body'], where: { id: 1 } })).toEqual([{ body: '{"a":["x",2.5],"b":1}' }]);
  });

  it('tells the document null from SQL NULL, in both forms and in a row diff', async () => {
    await db.reset();
    await db.pool.execute('INSERT INTO documents VALUES (?, ?), (?, ?)', [1, 'null', 2, null]);
    expect(await db.select('documents', ['id', 'body'])).toEqual([{ id: 1, body: JSON_NULL }, { id: 2, body: null }]);
    expect(await selectWithJson(db, 'documents', ['id', 'body'], { json: ['body'] })).toEqual([{ id: 1, body: 'null' }, { id: 2, body: null }]);
    expect(withParsedJson({ body: 'null' }, ['body'])).toEqual({ body: JSON_NULL });
    expect(describeRowDifferences({ body: JSON_NULL }, { body: [] }, ['body']).join('\n')).toContain('✗  body    []        JSON null');
    expect(describeRowDifferences({ body: null }, { body: JSON_NULL }, ['body']).join('\n')).toContain('JSON null  NULL');
  });
});
