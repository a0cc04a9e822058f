/**
 * Every mutant of a kata's reference solution (spec/solutions/<kata>/): the SQL mutants of its
 * SQL texts (sql-mutants.ts) and the TypeScript mutants of its code (ts-mutants.ts), each as the
 * whole mutated file, with an id that spec/mutants/<kata>.md can name: `<file>:<line>:<operator>`
 * (`#2`, `#3` for the next ones on the same line).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sqlLiterals } from './sql-in-source.ts';
import { sqlMutants, tableColumns } from './sql-mutants.ts';
import { tsMutants, type SourceMutant } from './ts-mutants.ts';

export type Mutant = {
  id: string;
  kata: string;
  /** the solution file, relative to spec/solutions/<kata>/ */
  file: string;
  kind: 'sql' | 'ts';
  operator: string;
  description: string;
  line: number;
  /** the whole mutated file */
  source: string;
};

export async function kataMutants(root: string, kata: string): Promise<Mutant[]> {
  const folder = join(root, 'spec', 'solutions', kata);
  const files = readdirSync(folder).filter((file) => file.endsWith('.ts')).sort();
  const read = (file: string) => readFileSync(join(folder, file), 'utf8');
  // the kata's tables and their columns: a WHERE's column changes to another of its table
  const tables = new Map(files.flatMap((file) => sqlLiterals(read(file)).flatMap((literal) => [...tableColumns(literal.text)])));
  const mutants: Mutant[] = [];
  const ids = new Map<string, number>();
  for (const file of files) {
    const source = read(file);
    const literals = sqlLiterals(source);
    const sql: SourceMutant[] = literals.flatMap((literal) =>
      sqlMutants(literal.text, { tables }).map((mutant) => ({
        operator: mutant.operator,
        description: mutant.description,
        at: literal.start + mutant.at,
        source: source.slice(0, literal.start) + mutant.sql + source.slice(literal.end),
      })),
    );
    const ts = await tsMutants(join(folder, file), source, literals);
    const seen = new Set<string>();
    for (const [kind, list] of [['sql', sql], ['ts', ts]] as const) {
      for (const mutant of list) {
        if (mutant.source === source || seen.has(mutant.source)) continue;
        seen.add(mutant.source);
        const line = source.slice(0, mutant.at).split('\n').length;
        const base = `${file}:${line}:${mutant.operator}`;
        const count = (ids.get(base) ?? 0) + 1;
        ids.set(base, count);
        mutants.push({ id: count === 1 ? base : `${base}#${count}`, kata, file, kind, operator: mutant.operator, description: mutant.description, line, source: mutant.source });
      }
    }
  }
  return mutants;
}
