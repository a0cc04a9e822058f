import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseEquivalents } from './equivalents.ts';
import { kataMutants } from './mutants.ts';
import { sample } from './sample.ts';
import { literals, sqlLiterals } from './sql-in-source.ts';
import { tsMutants } from './ts-mutants.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('sqlLiterals', () => {
  it('finds the SQL texts among a file\'s literals, skipping comments and other strings', () => {
    const source = [
      "// 'INSERT INTO nothing' in a comment",
      "const a = 'DELETE FROM t WHERE id = ?';",
      'const b = `\n  UPDATE t SET x = ${`nested`} WHERE y = "q"`;',
      "const c = 'not sql';",
    ].join('\n');
    expect(literals(source).map((literal) => literal.text)).toEqual(['DELETE FROM t WHERE id = ?', '\n  UPDATE t SET x = ${`nested`} WHERE y = "q"', 'not sql']);
    const found = sqlLiterals(source);
    expect(found.map((literal) => source.slice(literal.start, literal.end))).toEqual(['DELETE FROM t WHERE id = ?', '\n  UPDATE t SET x = ${`nested`} WHERE y = "q"']);
  });
});

describe('tsMutants', () => {
  it('takes Stryker\'s mutants of the code, not of its SQL literals, and swaps affectedRows and changedRows', async () => {
    const source = "const SQL = 'DELETE FROM t WHERE id = ?';\nexport const f = (x?: { n: number }) => x?.n ?? 0;\nexport const g = (r: { affectedRows: number }) => r.affectedRows;\n";
    const mutants = await tsMutants('example.ts', source, sqlLiterals(source));
    expect(mutants.some((mutant) => mutant.source.includes("const SQL = ''"))).toBe(false);
    expect(mutants.map((mutant) => mutant.operator)).toEqual(expect.arrayContaining(['LogicalOperator', 'OptionalChaining', 'affected-changed-rows']));
    expect(mutants.find((mutant) => mutant.operator === 'LogicalOperator')!.source).toContain('x?.n && 0');
    // only the read in code: not the type's field name, not a comment (swapping either changes nothing)
    const swapped = mutants.filter((mutant) => mutant.operator === 'affected-changed-rows').map((mutant) => mutant.source);
    expect(swapped).toEqual([source.replace('r.affectedRows', 'r.changedRows')]);
  });

  it('leaves affectedRows in a comment alone', async () => {
    const source = '// affectedRows counts the rows the WHERE found\n/**\n * uses result.affectedRows\n */\nexport const h = (r: { changedRows: number }) => r.changedRows; // not r.affectedRows\n';
    const mutants = await tsMutants('example.ts', source, sqlLiterals(source));
    expect(mutants.filter((mutant) => mutant.operator === 'affected-changed-rows').map((mutant) => mutant.source)).toEqual([source.replace('r.changedRows;', 'r.affectedRows;')]);
  });
});

describe('kataMutants', () => {
  it('gives every mutant of a kata a unique id of file, line and operator', async () => {
    const mutants = await kataMutants(root, '02-supplier');
    expect(new Set(mutants.map((mutant) => mutant.id)).size).toBe(mutants.length);
    expect(mutants.map((mutant) => mutant.id)).toContain('supplier-dal.ts:49:where-dropped');
    expect(mutants.every((mutant) => /^[\w.-]+\.ts:\d+:[\w-]+(#\d+)?$/.test(mutant.id))).toBe(true);
  });
});

describe('parseEquivalents', () => {
  it('reads one mutant id and its reason per list item, and refuses an item without a reason', () => {
    const list = parseEquivalents('# Kata\n\nSome text.\n\n- `a.ts:3:comparison`: both orders are right.\n* `b.ts:1:x#2` — also fine\n');
    expect([...list]).toEqual([
      ['a.ts:3:comparison', 'both orders are right.'],
      ['b.ts:1:x#2', 'also fine'],
    ]);
    expect(() => parseEquivalents('- `a.ts:3:comparison`\n')).toThrow(/without a reason/);
  });
});

describe('sample', () => {
  it('is the same for the same seed, and a different one for another seed', () => {
    const items = Array.from({ length: 100 }, (_, index) => index);
    expect(sample(items, 10, 7)).toEqual(sample(items, 10, 7));
    expect(sample(items, 10, 7)).not.toEqual(sample(items, 10, 8));
    expect(new Set(sample(items, 100, 3)).size).toBe(100);
  });
});
