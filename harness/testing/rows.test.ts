/** Row comparisons read like the table: column order kept, one ✗ line per difference. */
import { describe, expect, it } from 'vitest';
import { describeRowDifferences, describeRowsMismatch, formatValue } from './rows.ts';
import { toEqualRow, toEqualRows } from './matchers.ts';

const COLUMNS = ['supplier_id', 'state', 'city', 'zip_code'];
const row = { supplier_id: 'a1', state: 'WA', city: 'Seattle', zip_code: '98101' };

describe('row comparisons', () => {
  it('list the differing columns in the table\'s order, not alphabetically', () => {
    const lines = describeRowDifferences({ ...row, state: 'Seattle', city: 'WA' }, row, COLUMNS);
    expect(lines).toEqual([
      '     column  expected   found',
      '  ✗  state   "WA"       "Seattle"',
      '  ✗  city    "Seattle"  "WA"',
      '  (the other 2 column(s) as expected)',
    ]);
  });

  it('name missing rows, unexpected rows and fields that are no column', () => {
    const text = describeRowsMismatch([{ ...row, supplier_id: 'b2' }], [row], COLUMNS, '`suppliers`');
    expect(text).toBe('`suppliers`: 1 row(s) expected, 1 found.\n✗ no row with supplier_id = "a1" (expected one)\n✗ an unexpected row with supplier_id = "b2"');
    expect(describeRowDifferences({ ...row, extra: 1 }, row, COLUMNS).join('\n')).toContain('extra   (not a column of the table)');
    expect(describeRowDifferences({ ...row, extra: 1 }, row, COLUMNS, true)).toEqual([]);
    expect(describeRowsMismatch([row], [row], COLUMNS)).toBeUndefined();
  });

  it('show NULL, undefined and a long text around its first difference', () => {
    expect(formatValue(null)).toBe('NULL');
    expect(formatValue(undefined)).toBe('undefined');
    const long = 'x'.repeat(100);
    expect(formatValue(long + 'A', 100)).toMatch(/^…"x+A" \(101 characters\)$/);
  });

  it('the matchers put the why first and the pointer last', () => {
    const result = toEqualRows([{ ...row, city: 'Tacoma' }], [row], { columns: COLUMNS, table: 'suppliers', why: 'after insert', pointer: '→ read' });
    expect(result.pass).toBe(false);
    expect(result.message().split('\n')).toEqual([
      'after insert',
      '`suppliers`: 1 row(s) expected, 1 found.',
      '✗ the row with supplier_id = "a1":',
      '     column  expected   found',
      '  ✗  city    "Seattle"  "Tacoma"',
      '  (the other 3 column(s) as expected)',
      '→ read',
    ]);
    expect(toEqualRow(undefined, row, { columns: COLUMNS, why: 'w', pointer: 'p' }).message()).toBe('w\n  (no row at all)\np');
  });
});

describe('a JSON column written with JSON.stringify once too often', () => {
  it('names it: the text "null" for SQL NULL, and a JSON string holding the expected document', () => {
    expect(describeRowDifferences({ id: 1, doc: 'null' }, { id: 1, doc: null }, ['id', 'doc']).join('\n')).toContain('doc: the text "null" is what JSON.stringify(null) returns');
    const twice = JSON.stringify(JSON.stringify({ color: 'red' }));
    expect(describeRowDifferences({ id: 1, doc: twice }, { id: 1, doc: '{"color": "red"}' }, ['id', 'doc']).join('\n')).toContain(
      'doc: it holds a JSON string whose text is the expected document: JSON.stringify ran on a value that was JSON text already.',
    );
    expect(describeRowDifferences({ id: 1, doc: '"other"' }, { id: 1, doc: '{"color": "red"}' }, ['id', 'doc']).join('\n')).not.toContain('JSON.stringify');
  });
});

describe('a time that went through a JavaScript Date', () => {
  it('names the microseconds it lost', () => {
    const note = describeRowDifferences({ at: '2026-03-14 09:30:00.875000' }, { at: '2026-03-14 09:30:00.875001' }, ['at']).join('\n');
    expect(note).toContain('at: the same time to the millisecond, its microseconds lost');
    expect(describeRowDifferences({ at: '2026-03-14 09:30:01.875000' }, { at: '2026-03-14 09:30:00.875001' }, ['at']).join('\n')).not.toContain('microseconds lost');
    // a shrunk counterexample: one microsecond apart at .000, an older time kept (a guard), not a Date
    expect(describeRowDifferences({ at: '1971-01-01 00:00:00.000000' }, { at: '1971-01-01 00:00:00.000001' }, ['at']).join('\n')).not.toContain('Date');
  });

  it('names a Date handed over, and Date.toISOString() text', () => {
    expect(describeRowDifferences({ at: new Date('1971-01-01T00:00:00.000Z') }, { at: '1971-01-01 00:00:00.000000' }, ['at']).join('\n')).toContain('at: a JavaScript Date was handed over');
    expect(describeRowDifferences({ at: '1971-01-01T00:00:00.000Z' }, { at: '1971-01-01 00:00:00.000000' }, ['at']).join('\n')).toContain("at: that is Date.toISOString()'s text");
  });
});
