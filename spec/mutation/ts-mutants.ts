/**
 * TypeScript mutants of a reference file, made by Stryker's own instrumenter (the mutators of
 * `npx stryker run`: `??` -> `&&`, `?.` -> `.`, a block emptied, an arrow returning undefined...),
 * each turned into the whole file with that one change. They run through the verifier's
 * redirection and batches like the SQL mutants (spec/mutate.ts), not in Stryker's sandbox: see
 * the README's "npm run mutate" for why.
 *
 * Left out: Stryker's mutants of an SQL literal (they would only blank the text: sql-mutants.ts
 * makes that text's real variants). Added: `affectedRows` <-> `changedRows`, which Stryker
 * does not know.
 */
import { Instrumenter } from '@stryker-mutator/instrumenter';
import type { SqlLiteral } from './sql-in-source.ts';

export type SourceMutant = {
  operator: string;
  description: string;
  /** where the change starts in the file */
  at: number;
  /** the whole file, mutated */
  source: string;
};

const quiet = {
  isTraceEnabled: () => false,
  isDebugEnabled: () => false,
  isInfoEnabled: () => false,
  isWarnEnabled: () => false,
  isErrorEnabled: () => true,
  isFatalEnabled: () => true,
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error: (...args: unknown[]) => console.error(...args),
  fatal: (...args: unknown[]) => console.error(...args),
};

const oneLine = (text: string, max = 60) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

export async function tsMutants(fileName: string, source: string, sql: readonly SqlLiteral[]): Promise<SourceMutant[]> {
  const instrumenter = new Instrumenter(quiet as never);
  const { mutants } = await instrumenter.instrument([{ name: fileName, content: source, mutate: true }], { plugins: null, excludedMutations: [], ignorers: [] } as never);
  const lineStarts = [0, ...[...source.matchAll(/\n/g)].map((match) => match.index + 1)];
  const offset = (position: { line: number; column: number }) => lineStarts[position.line]! + position.column;
  const insideSql = (start: number, end: number) => sql.some((literal) => start >= literal.start - 1 && end <= literal.end + 1);
  const found: SourceMutant[] = [];
  for (const mutant of mutants) {
    const start = offset(mutant.location.start);
    const end = offset(mutant.location.end);
    if (insideSql(start, end) || mutant.status !== undefined) continue;
    found.push({
      operator: mutant.mutatorName,
      description: `${oneLine(source.slice(start, end))} -> ${oneLine(mutant.replacement)}`,
      at: start,
      source: source.slice(0, start) + mutant.replacement + source.slice(end),
    });
  }
  // a result's field read in code (`result.affectedRows`): not the word in a comment or a type, where swapping it changes nothing
  for (const match of source.matchAll(/(?<=\.)(affectedRows|changedRows)\b/g)) {
    const lineBefore = source.slice(source.lastIndexOf('\n', match.index) + 1, match.index);
    if (lineBefore.includes('//') || /^\s*\*/.test(lineBefore)) continue;
    const other = match[1] === 'affectedRows' ? 'changedRows' : 'affectedRows';
    found.push({ operator: 'affected-changed-rows', description: `${match[1]} -> ${other}`, at: match.index, source: source.slice(0, match.index) + other + source.slice(match.index + match[0].length) });
  }
  return found;
}
