import { describe, expect, it } from 'vitest';
import { sqlMutants, tableColumns } from './sql-mutants.ts';
import { tokenize } from './sql-tokens.ts';

const of = (sql: string, operator: string, tables?: Map<string, string[]>) => sqlMutants(sql, { tables }).filter((mutant) => mutant.operator === operator).map((mutant) => mutant.sql);

const UPSERT = `INSERT INTO users (user_id, email, created_at, updated_at)
  VALUES (?, ?, NOW(6), ?)
  ON DUPLICATE KEY UPDATE
    email = VALUES(email),
    updated_at = VALUES(updated_at)`;

const TABLE = `CREATE TABLE IF NOT EXISTS items (
  id        BIGINT        NOT NULL AUTO_INCREMENT,
  order_id  VARCHAR(24)   NOT NULL,
  sku       CHAR(8)       NULL,
  price     DECIMAL(10,2) NOT NULL,
  added_at  DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_items (order_id, sku),
  INDEX idx_items_added (added_at),
  CONSTRAINT fk_items_order FOREIGN KEY (order_id) REFERENCES orders (order_id) ON DELETE CASCADE
) ENGINE=InnoDB`;

describe('tokenize', () => {
  it('keeps quoted strings, backticked names and interpolations whole, and pairs parentheses', () => {
    const tokens = tokenize("SELECT `a b`, 'it''s (x)' FROM t WHERE c IN (${list}) -- (no\n");
    expect(tokens.map((token) => token.kind)).toEqual(['word', 'name', 'comma', 'string', 'word', 'word', 'word', 'word', 'word', 'open', 'interpolation', 'close']);
    expect(tokens[9]!.partner).toBe(11);
    expect(tokens[10]!.text).toBe('${list}');
  });
});

describe('sqlMutants: one test per operator', () => {
  it('odku-drop-column: each ON DUPLICATE KEY UPDATE assignment dropped, with its comma', () => {
    expect(of(UPSERT, 'odku-drop-column')).toEqual([
      UPSERT.replace('\n    email = VALUES(email),', ''),
      UPSERT.replace(',\n    updated_at = VALUES(updated_at)', ''),
    ]);
  });

  it('odku-add-created-at: created_at overwritten too, in the last assignment\'s style', () => {
    expect(of(UPSERT, 'odku-add-created-at')).toEqual([`${UPSERT},\n    created_at = VALUES(created_at)`]);
    expect(of(UPSERT.replace('created_at, ', '').replace('NOW(6), ', ''), 'odku-add-created-at')).toEqual([]);
  });

  it('swap-adjacent: two neighbours of the column list or of VALUES swapped (identical ones make no mutant)', () => {
    const mutants = of(UPSERT, 'swap-adjacent');
    expect(mutants).toContain(UPSERT.replace('(user_id, email,', '(email, user_id,'));
    expect(mutants).toContain(UPSERT.replace('(?, ?, NOW(6), ?)', '(?, NOW(6), ?, ?)'));
    expect(mutants).not.toContain(UPSERT);
    expect(of('UPDATE t SET a = ?, b = NOW(6) WHERE id = ?', 'swap-adjacent')).toEqual(['UPDATE t SET b = ?, a = NOW(6) WHERE id = ?']);
  });

  it('comparison: >= <-> > and <= <-> <', () => {
    expect(of('UPDATE t SET a = ? WHERE ts >= ? AND n < 3', 'comparison')).toEqual(['UPDATE t SET a = ? WHERE ts > ? AND n < 3', 'UPDATE t SET a = ? WHERE ts >= ? AND n <= 3']);
    expect(of('SELECT 1 FROM t WHERE a > b OR c <= d', 'comparison')).toEqual(['SELECT 1 FROM t WHERE a >= b OR c <= d', 'SELECT 1 FROM t WHERE a > b OR c < d']);
  });

  it('now-precision and datetime-precision: fractional seconds dropped', () => {
    expect(of(UPSERT, 'now-precision')).toEqual([UPSERT.replace('NOW(6)', 'NOW()')]);
    expect(of(TABLE, 'datetime-precision')).toEqual([TABLE.replace('DATETIME(6)', 'DATETIME')]);
  });

  it('varchar-narrowed and varchar-widened: the length one less and one more', () => {
    expect(of(TABLE, 'varchar-narrowed')).toEqual([TABLE.replace('VARCHAR(24)', 'VARCHAR(23)')]);
    expect(of(TABLE, 'varchar-widened')).toEqual([TABLE.replace('VARCHAR(24)', 'VARCHAR(25)')]);
  });

  it('varchar-to-char and char-to-varchar', () => {
    expect(of(TABLE, 'varchar-to-char')).toEqual([TABLE.replace('VARCHAR(24)', 'CHAR(24)')]);
    expect(of(TABLE, 'char-to-varchar')).toEqual([TABLE.replace('CHAR(8) ', 'VARCHAR(8) ')]);
    expect(of('CREATE TABLE t (a VARCHAR(500) NULL)', 'varchar-to-char')).toEqual([]);
  });

  it('decimal-to-double: DECIMAL(p,s) becomes DOUBLE', () => {
    expect(of(TABLE, 'decimal-to-double')).toEqual([TABLE.replace('DECIMAL(10,2)', 'DOUBLE')]);
  });

  it('not-null-dropped: each NOT NULL, except on PRIMARY KEY columns (NOT NULL there anyway)', () => {
    const mutants = of(TABLE, 'not-null-dropped');
    expect(mutants).toEqual([
      TABLE.replace('VARCHAR(24)   NOT NULL', 'VARCHAR(24)'),
      TABLE.replace('DECIMAL(10,2) NOT NULL', 'DECIMAL(10,2)'),
      TABLE.replace('DATETIME(6)   NOT NULL', 'DATETIME(6)'),
    ]);
  });

  it('index-dropped and index-columns-reordered', () => {
    expect(of(TABLE, 'index-dropped')).toEqual([TABLE.replace(',\n  UNIQUE KEY uq_items (order_id, sku)', ''), TABLE.replace(',\n  INDEX idx_items_added (added_at)', '')]);
    expect(of(TABLE, 'index-columns-reordered')).toEqual([TABLE.replace('uq_items (order_id, sku)', 'uq_items (sku, order_id)')]);
  });

  it('unique-to-plain-index: UNIQUE KEY, CONSTRAINT ... UNIQUE and a column\'s UNIQUE', () => {
    expect(of(TABLE, 'unique-to-plain-index')).toEqual([TABLE.replace('UNIQUE KEY uq_items', 'KEY uq_items')]);
    expect(of('CREATE TABLE t (a INT, CONSTRAINT uq_a UNIQUE (a))', 'unique-to-plain-index')).toEqual(['CREATE TABLE t (a INT, INDEX uq_a (a))']);
    expect(of('CREATE TABLE t (a INT NOT NULL UNIQUE)', 'unique-to-plain-index')).toEqual(['CREATE TABLE t (a INT NOT NULL)']);
  });

  it('cascade-dropped: ON DELETE CASCADE removed', () => {
    expect(of(TABLE, 'cascade-dropped')).toEqual([TABLE.replace(' ON DELETE CASCADE', '')]);
  });

  it('where-dropped and where-column-changed (to a column of the same table, the same suffix first)', () => {
    const tables = tableColumns(TABLE);
    expect(tables.get('items')).toEqual(['id', 'order_id', 'sku', 'price', 'added_at']);
    expect(of('DELETE FROM items WHERE order_id = ? LIMIT 10', 'where-dropped')).toEqual(['DELETE FROM items LIMIT 10']);
    expect(of('DELETE FROM items WHERE order_id = ?', 'where-column-changed', tables)).toEqual(['DELETE FROM items WHERE sku = ?']);
    expect(of('DELETE FROM items WHERE added_at < ?', 'where-column-changed', new Map([['t', ['added_at', 'x', 'paid_at']]]))).toEqual(['DELETE FROM items WHERE paid_at < ?']);
  });

  it('coalesce-swapped and if-swapped', () => {
    expect(of('UPDATE t SET a = COALESCE(VALUES(a), a)', 'coalesce-swapped')).toEqual(['UPDATE t SET a = COALESCE(a, VALUES(a))']);
    expect(of('UPDATE t SET a = IF(x >= y, VALUES(a), a)', 'if-swapped')).toEqual(['UPDATE t SET a = IF(x >= y, a, VALUES(a))']);
  });

  it('values-to-column: VALUES(x) becomes x (the stored value, not the new one), never the INSERT\'s tuple', () => {
    expect(of(UPSERT, 'values-to-column')).toEqual([UPSERT.replace('VALUES(email)', 'email'), UPSERT.replace('VALUES(updated_at)', 'updated_at')]);
    expect(of('INSERT INTO t (a) VALUES (a)', 'values-to-column')).toEqual([]);
  });

  it('leaves the layout, comments and interpolations of the text alone', () => {
    const sql = 'INSERT INTO t (a, b) -- two columns\n  VALUES ${rows}';
    expect(sqlMutants(sql).map((mutant) => mutant.sql)).toEqual(['INSERT INTO t (b, a) -- two columns\n  VALUES ${rows}']);
  });
});
