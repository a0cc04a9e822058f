/**
 * Where a reference file's SQL is: its string and template literals whose text starts with a
 * statement keyword (the DDL's CREATE TABLE, the DAL's INSERT/UPDATE/DELETE/SELECT texts). A
 * small scanner of TypeScript's literals and comments, enough for our reference files.
 */
export type SqlLiteral = {
  /** where the literal's text starts and ends in the file (inside its quotes) */
  start: number;
  end: number;
  text: string;
};

const STATEMENT = /^\s*(CREATE|INSERT|REPLACE|UPDATE|DELETE|SELECT|ALTER|WITH)\b/i;

/** Every string or template literal of a TypeScript source, in order (a template's `${...}` stays in its text). */
export function literals(source: string): SqlLiteral[] {
  const found: SqlLiteral[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (source.startsWith('//', i)) {
      const newline = source.indexOf('\n', i);
      i = newline === -1 ? source.length : newline;
    } else if (source.startsWith('/*', i)) {
      const close = source.indexOf('*/', i + 2);
      i = close === -1 ? source.length : close + 2;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < source.length && source[j] !== c && source[j] !== '\n') j += source[j] === '\\' ? 2 : 1;
      found.push({ start: i + 1, end: j, text: source.slice(i + 1, j) });
      i = j + 1;
    } else if (c === '`') {
      const end = templateEnd(source, i + 1);
      found.push({ start: i + 1, end, text: source.slice(i + 1, end) });
      i = end + 1;
    } else {
      i++;
    }
  }
  return found;
}

/** The index of the backtick that closes a template literal whose text starts at `start`. */
function templateEnd(source: string, start: number): number {
  let j = start;
  while (j < source.length) {
    if (source[j] === '\\') j += 2;
    else if (source[j] === '`') return j;
    else if (source.startsWith('${', j)) {
      // skip the expression, nested literals included
      let depth = 0;
      for (; j < source.length; j++) {
        if (source[j] === '{') depth++;
        else if (source[j] === '}' && --depth === 0) break;
        else if (source[j] === '`') j = templateEnd(source, j + 1);
        else if (source[j] === "'" || source[j] === '"') {
          const quote = source[j];
          for (j++; j < source.length && source[j] !== quote; j += source[j] === '\\' ? 2 : 1);
        }
      }
      j++;
    } else j++;
  }
  return j;
}

/** The literals of a source that hold SQL. */
export function sqlLiterals(source: string): SqlLiteral[] {
  return literals(source).filter((literal) => STATEMENT.test(literal.text));
}
