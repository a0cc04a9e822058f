/** The teaching matchers' messages: expected next to found, and the pointer to the lesson. */
import { describe, expect, it } from 'vitest';
import type { TableInfo } from './introspect.ts';
import { toHaveColumns, toHaveIndexOn, toHavePrimaryKey, toUseEngineAndCharset } from './matchers.ts';

const table: TableInfo = {
  name: 'users',
  engine: 'MyISAM',
  charset: 'latin1',
  columns: [
    { name: 'user_id', type: 'varchar(24)', nullable: false, default: null, extra: '', charset: 'utf8mb4' },
    { name: 'email', type: 'varchar(100)', nullable: true, default: null, extra: '', charset: 'utf8mb4' },
    { name: 'nickname', type: 'varchar(20)', nullable: true, default: null, extra: '', charset: 'utf8mb4' },
  ],
  primaryKey: [],
  indexes: [{ name: 'idx', columns: ['city', 'country'], unique: false }],
  foreignKeys: [],
};

describe('teaching matchers', () => {
  it('toHaveColumns lists every column with ✓/✗, including missing and extra ones', () => {
    const result = toHaveColumns(
      table,
      [
        { name: 'user_id', type: 'varchar(24)', nullable: false },
        { name: 'email', type: 'varchar(255)', nullable: false },
        { name: 'phone', type: 'varchar(50)', nullable: true },
      ],
      '→ read the lesson',
    );
    expect(result.pass).toBe(false);
    const message = result.message();
    expect(message).toMatch(/✓\s+user_id\s+varchar\(24\) NOT NULL\s+varchar\(24\) NOT NULL/);
    expect(message).toMatch(/✗\s+email\s+varchar\(255\) NOT NULL\s+varchar\(100\) NULL/);
    expect(message).toMatch(/✗\s+phone\s+varchar\(50\) NULL\s+\(missing\)/);
    expect(message).toMatch(/✗\s+nickname\s+\(not in the course's table\)\s+varchar\(20\) NULL/);
    expect(message.endsWith('→ read the lesson')).toBe(true);
  });

  it('toHaveColumns ends with the paragraphs of the columns that differ, else the section', () => {
    const pointers = { pointer: '→ section', byColumn: { email: '→ email paragraph', user_id: '→ id paragraph' } };
    const message = toHaveColumns(table, [{ name: 'user_id', type: 'varchar(24)', nullable: false }, { name: 'email', type: 'varchar(255)', nullable: false }], pointers).message();
    expect(message).toContain('→ email paragraph\n→ section');
    expect(message).not.toContain('→ id paragraph');
  });

  it('toHaveIndexOn explains that column order matters', () => {
    const result = toHaveIndexOn(table, ['country', 'city'], 'hint');
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('same columns, but the order of columns in an index matters');
  });

  it('toHaveIndexOn tells a plain INDEX where a UNIQUE KEY is wanted from a column-order slip', () => {
    const unique = toHaveIndexOn(table, ['city', 'country'], 'hint', { unique: true }).message();
    expect(unique).toContain('the right columns in the right order, but it is a plain INDEX, not UNIQUE');
    expect(unique).not.toContain('order of columns');
    const plain = toHaveIndexOn({ ...table, indexes: [{ name: 'uq', columns: ['city', 'country'], unique: true }] }, ['city', 'country'], 'hint', { unique: false }).message();
    expect(plain).toContain('but it is UNIQUE');
    expect(plain).not.toContain('order of columns');
  });

  it('toHavePrimaryKey and toUseEngineAndCharset say what was found', () => {
    expect(toHavePrimaryKey(table, ['user_id'], 'hint').message()).toContain('has no primary key');
    expect(toUseEngineAndCharset(table, 'InnoDB', 'utf8mb4', 'hint').message()).toContain('it is ENGINE=MyISAM DEFAULT CHARSET=latin1');
  });

  it('are registered on expect', async () => {
    await expect(async () => expect(table).toHavePrimaryKey(['user_id'], 'hint')).rejects.toThrow(/PRIMARY KEY \(user_id\)/);
  });
});
