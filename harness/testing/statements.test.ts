/** The statement recorder sees what goes through the pool, and the parameter check blames pasted values. */
import { describe, expect, it } from 'vitest';
import { getPool } from '../db/pool.ts';
import { useKataDatabase } from './database.ts';
import { describeParameterProblems, recordStatements } from './statements.ts';

const db = useKataDatabase({ kata: 'harness', tables: () => ['CREATE TABLE things (id VARCHAR(24) PRIMARY KEY, label VARCHAR(50) NULL)'] });
const values = { id: '65a1f0c2e4b0a1b2c3d4e5f6', label: 'plain' };

describe('recordStatements', () => {
  it('records execute() and query() statements with their parameters, on this database only', async () => {
    await db.reset();
    const { statements } = await db.sent(async () => {
      await getPool().execute('INSERT INTO things VALUES (?, ?)', [values.id, values.label]);
      await getPool().query('SELECT * FROM things WHERE id = ?', [values.id]);
    });
    expect(statements.map((statement) => [statement.sql, statement.values])).toEqual([
      ['INSERT INTO things VALUES (?, ?)', [values.id, values.label]],
      // query() fills the placeholders in on the client: the values are both in the text and sent
      [`SELECT * FROM things WHERE id = '${values.id}'`, [values.id]],
    ]);
    const { statements: elsewhere } = await recordStatements('another_database', () => getPool().query('SELECT 1'));
    expect(elsewhere).toEqual([]);
  });
});

describe('describeParameterProblems', () => {
  it('passes values sent as parameters, with execute() or query()', async () => {
    await db.reset();
    const { statements } = await db.sent(() => getPool().query('INSERT INTO things VALUES (?, ?)', [values.id, values.label]));
    expect(describeParameterProblems('Things.insert', statements, values, '→ read')).toBeUndefined();
  });

  it('names each value pasted into the SQL text, and shows what was sent', async () => {
    await db.reset();
    const { statements } = await db.sent(() => getPool().query(`INSERT INTO things VALUES ('${values.id}', ?)`, [values.label]));
    const message = describeParameterProblems('Things.insert', statements, { ...values, nothing: null }, '→ read the lesson')!;
    expect(message.split('\n').slice(0, 2)).toEqual([
      'Things.insert pasted id into the SQL text instead of sending it as ? parameter.',
      '  id = "65a1f0c2e4b0a1b2c3d4e5f6": found inside the SQL text',
    ]);
    expect(message).toContain(`  SQL:        INSERT INTO things VALUES ('${values.id}', 'plain')`);
    expect(message).toContain('SQL injection');
    expect(message.endsWith('→ read the lesson')).toBe(true);
  });

  it('tells a value left out of the statement from one pasted into it: no word of SQL injection when nothing was pasted', () => {
    const sent = [{ sql: 'DELETE FROM posts WHERE post_id = ?', values: ['p1'], database: 'd' }];
    const message = describeParameterProblems('PostDAL.softDeletePost', sent, { post_id: 'p1', event_id: 'e1-uuid' }, '→ read')!;
    expect(message.split('\n')[0]).toBe('PostDAL.softDeletePost did not send event_id: no parameter holds it, and the SQL text does not contain it either.');
    expect(message).toContain('Nothing was pasted into the SQL');
    expect(message).not.toContain('SQL injection');
  });

  it('counts an object (a JSON column\'s value) sent as its JSON text as a parameter', () => {
    const attributes = { color: 'red', sizes: [38, 39] };
    const sent = [{ sql: 'INSERT INTO products (attributes_json) VALUES (?)', values: [JSON.stringify(attributes)], database: 'd' }];
    expect(describeParameterProblems('Products.insert', sent, { attributes_json: attributes }, '→ read')).toBeUndefined();
    const pasted = [{ sql: `INSERT INTO products (attributes_json) VALUES ('${JSON.stringify(attributes)}')`, values: [], database: 'd' }];
    expect(describeParameterProblems('Products.insert', pasted, { attributes_json: attributes }, '→ read')).toContain('pasted attributes_json into the SQL text');
  });

  it('names a value pasted into the text even when it was also sent once as a parameter (a guard written with the value beside a ? elsewhere)', () => {
    const at = '2024-01-15 10:30:00.123456';
    const sent = [{ sql: `UPDATE orders SET status = IF('${at}' >= event_timestamp, 'cancelled', status), event_timestamp = ? WHERE order_number = ?`, values: [at, 'ORD-1'], database: 'd' }];
    const message = describeParameterProblems('OrderDAL.cancelOrder', sent, { event_timestamp: at, order_number: 'ORD-1' }, '→ read')!;
    expect(message.split('\n')[0]).toBe('OrderDAL.cancelOrder pasted event_timestamp into the SQL text instead of sending it as ? parameter.');
    // a right solution's own short literals ('cancelled' is not a value here, '' never counts) pass
    const right = [{ sql: `UPDATE orders SET status = IF(? >= event_timestamp, 'cancelled', status), note = COALESCE(?, '') WHERE order_number = ?`, values: [at, '', 'ORD-1'], database: 'd' }];
    expect(describeParameterProblems('OrderDAL.cancelOrder', right, { event_timestamp: at, note: '', order_number: 'ORD-1' }, '→ read')).toBeUndefined();
  });

  it('says so when nothing was sent at all', () => {
    expect(describeParameterProblems('Things.insert', [], values, '→ read')).toBe('Things.insert sent no statement to the database through the pool (getPool()).\n→ read');
  });
});
