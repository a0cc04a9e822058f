/** The foreign-key and AUTO_INCREMENT matchers' messages: expected next to found, and why it matters. */
import { describe, expect, it } from 'vitest';
import type { TableInfo } from './introspect.ts';
import { toHaveAutoIncrement, toHaveForeignKey } from './key-matchers.ts';

const children = (overrides: Partial<TableInfo> = {}): TableInfo => ({
  name: 'product_variants',
  engine: 'InnoDB',
  charset: 'utf8mb4',
  columns: [
    { name: 'id', type: 'bigint', nullable: false, default: null, extra: 'auto_increment', charset: null },
    { name: 'product_id', type: 'varchar(24)', nullable: false, default: null, extra: '', charset: 'utf8mb4' },
  ],
  primaryKey: ['id'],
  indexes: [],
  foreignKeys: [{ name: 'fk_product', columns: ['product_id'], referencedTable: 'products', referencedColumns: ['product_id'], onDelete: 'CASCADE', onUpdate: 'RESTRICT' }],
  ...overrides,
});

const cascade = { columns: ['product_id'], referencedTable: 'products', referencedColumns: ['product_id'], onDelete: 'CASCADE' };

describe('toHaveForeignKey', () => {
  it('passes for the same columns, target and ON DELETE rule', () => {
    expect(toHaveForeignKey(children(), cascade, '→ lesson').pass).toBe(true);
  });

  it('says when the rule is the default RESTRICT, and what that does to a delete', () => {
    const table = children({ foreignKeys: [{ ...children().foreignKeys[0]!, onDelete: 'RESTRICT' }] });
    const result = toHaveForeignKey(table, cascade, '→ lesson');
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('ON DELETE RESTRICT (what you get when the clause is left out)');
    expect(result.message()).toContain('deleting a row of products that still has rows in product_variants is then refused');
    expect(result.message()).toMatch(/CONSTRAINT fk_product FOREIGN KEY \(product_id\) REFERENCES products \(product_id\) ON DELETE RESTRICT\n→ lesson$/);
  });

  it('says what ON DELETE SET NULL does instead: keeps the children, their key emptied (it refuses nothing)', () => {
    const table = children({ foreignKeys: [{ ...children().foreignKeys[0]!, onDelete: 'SET NULL' }] });
    const result = toHaveForeignKey(table, cascade, '→ lesson');
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('deleting a row of products then keeps its rows in product_variants, their product_id emptied to NULL');
    expect(result.message()).not.toContain('refused');
  });

  it('says when there is no foreign key at all, or one pointing elsewhere', () => {
    const none = toHaveForeignKey(children({ foreignKeys: [] }), cascade, '→ lesson');
    expect(none.pass).toBe(false);
    expect(none.message()).toContain('accepts product_variants rows that point at no products row');
    expect(none.message()).toContain('(none)');
    const elsewhere = toHaveForeignKey(children({ foreignKeys: [{ ...children().foreignKeys[0]!, referencedTable: 'suppliers', referencedColumns: ['supplier_id'] }] }), cascade, '→ lesson');
    expect(elsewhere.message()).toContain('points at suppliers (supplier_id) instead');
  });
});

describe('toHaveAutoIncrement', () => {
  it('passes when the column is numbered by the server, and says what is missing otherwise', () => {
    expect(toHaveAutoIncrement(children(), 'id', '→ lesson').pass).toBe(true);
    const plain = children({ columns: [{ ...children().columns[0]!, extra: '' }, children().columns[1]!] });
    const result = toHaveAutoIncrement(plain, 'id', '→ lesson');
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('It is bigint, without AUTO_INCREMENT.');
    expect(toHaveAutoIncrement(children(), 'nope', '→ lesson').message()).toContain('There is no column nope.');
  });
});
