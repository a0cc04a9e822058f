/**
 * A light SQL tokenizer for the mutation operators (sql-mutants.ts): enough to tell words from
 * quoted strings, backticked names, operators and parentheses, and to keep every token's place
 * in the original text, so that a mutant is the original text with one small splice (its
 * layout, comments and `${...}` interpolations untouched). Not a parser: the operators look at
 * short token patterns.
 */
export type TokenKind = 'word' | 'name' | 'string' | 'number' | 'operator' | 'placeholder' | 'open' | 'close' | 'comma' | 'semicolon' | 'interpolation' | 'other';

export type Token = {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  /** parenthesis depth before the token (an `open` has the depth outside it) */
  depth: number;
  /** for `open` and `close`: the index of the matching parenthesis */
  partner?: number;
};

const OPERATORS = ['>=', '<=', '<>', '!=', '<=>', ':=', '=', '<', '>', '+', '-', '*', '/', '%', '.'];

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const opened: number[] = [];
  let i = 0;
  const push = (kind: TokenKind, end: number) => {
    const depth = opened.length;
    tokens.push({ kind, text: sql.slice(i, end), start: i, end, depth });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const rest = sql.slice(i);
    if (/\s/.test(c)) {
      i++;
    } else if (rest.startsWith('--') || c === '#') {
      const newline = sql.indexOf('\n', i);
      i = newline === -1 ? sql.length : newline;
    } else if (rest.startsWith('/*')) {
      const close = sql.indexOf('*/', i + 2);
      i = close === -1 ? sql.length : close + 2;
    } else if (rest.startsWith('${')) {
      // a template literal's interpolation: opaque, its braces balanced
      let depth = 0;
      let j = i;
      for (; j < sql.length; j++) {
        if (sql[j] === '{') depth++;
        else if (sql[j] === '}' && --depth === 0) break;
      }
      push('interpolation', Math.min(j + 1, sql.length));
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < sql.length) {
        if (sql[j] === '\\') j += 2;
        else if (sql[j] === c && sql[j + 1] === c) j += 2;
        else if (sql[j] === c) break;
        else j++;
      }
      push(c === '`' ? 'name' : 'string', Math.min(j + 1, sql.length));
    } else if (/[A-Za-z_]/.test(c)) {
      push('word', i + /^[A-Za-z_][\w$]*/.exec(rest)![0].length);
    } else if (/\d/.test(c)) {
      push('number', i + /^\d+(\.\d+)?/.exec(rest)![0].length);
    } else if (c === '?') {
      push('placeholder', i + 1);
    } else if (c === '(') {
      push('open', i + 1);
      opened.push(tokens.length - 1);
    } else if (c === ')') {
      const partner = opened.pop();
      push('close', i + 1);
      const close = tokens[tokens.length - 1]!;
      if (partner !== undefined) {
        close.partner = partner;
        tokens[partner]!.partner = tokens.length - 1;
      }
    } else if (c === ',') {
      push('comma', i + 1);
    } else if (c === ';') {
      push('semicolon', i + 1);
    } else {
      const operator = OPERATORS.filter((candidate) => rest.startsWith(candidate)).sort((a, b) => b.length - a.length)[0];
      push(operator ? 'operator' : 'other', i + (operator?.length ?? 1));
    }
  }
  return tokens;
}

/** Whether a token is this keyword (case-insensitive). */
export const isWord = (token: Token | undefined, ...words: string[]): boolean =>
  token?.kind === 'word' && words.some((word) => token.text.toUpperCase() === word);

/** A column or table name, bare or backticked, without its backticks. */
export const nameOf = (token: Token | undefined): string | undefined =>
  token?.kind === 'word' ? token.text : token?.kind === 'name' ? token.text.slice(1, -1) : undefined;

/**
 * The comma-separated items inside the parentheses opened at tokens[open], as token index
 * ranges [first, last] (inclusive), with the commas' indexes between them.
 */
export function listItems(tokens: readonly Token[], open: number): { items: [number, number][]; commas: number[] } {
  const close = tokens[open]!.partner ?? tokens.length;
  const depth = tokens[open]!.depth + 1;
  const items: [number, number][] = [];
  const commas: number[] = [];
  let first = open + 1;
  for (let index = open + 1; index <= close; index++) {
    const token = tokens[index];
    if (index === close || (token?.kind === 'comma' && token.depth === depth)) {
      if (index > first) items.push([first, index - 1]);
      if (index !== close) commas.push(index);
      first = index + 1;
    }
  }
  return { items, commas };
}
