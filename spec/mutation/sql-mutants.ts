/**
 * SQL mutants: the small, valid variants of one SQL text that a student could plausibly have
 * written instead (a column forgotten in the upsert, `>` for `>=`, `DATETIME` without its
 * fractional seconds, an index's columns in another order...). Each mutant is the original text
 * with one splice, so that it stays valid SQL with the reference's layout. npm run mutate
 * (spec/mutate.ts) runs the kata's suites against each one: a mutant no test notices is a gap in
 * the suites, or a variant as right as the reference (spec/mutants/<kata>.md says which).
 */
import { isWord, listItems, nameOf, tokenize, type Token } from './sql-tokens.ts';

export type SqlMutant = {
  /** the operator's name (sql-mutants.test.ts has one test per operator) */
  operator: string;
  /** what changed, in a reviewer's words */
  description: string;
  /** where the change starts in the original text (for its line number) */
  at: number;
  /** the mutated SQL text */
  sql: string;
};

export type SqlMutantOptions = {
  /**
   * The kata's tables and their columns in order (from its DDL: `tableColumns`): a WHERE's
   * column is changed to another column of the same table.
   */
  tables?: ReadonlyMap<string, readonly string[]>;
};

type Splice = { start: number; end: number; text: string };

/** Every mutant of one SQL text (one statement or several, separated by `;`). */
export function sqlMutants(sql: string, options: SqlMutantOptions = {}): SqlMutant[] {
  const tokens = tokenize(sql);
  const mutants: SqlMutant[] = [];
  const add = (operator: string, description: string, ...splices: Splice[]) => {
    const ordered = [...splices].sort((a, b) => b.start - a.start);
    let text = sql;
    for (const splice of ordered) text = text.slice(0, splice.start) + splice.text + text.slice(splice.end);
    if (text !== sql) mutants.push({ operator, description, at: Math.min(...splices.map((splice) => splice.start)), sql: text });
  };
  const between = (first: Token, last: Token) => sql.slice(first.start, last.end);
  /** A range of tokens, with the whitespace before it, removed. */
  const remove = (first: number, last: number): Splice => ({ start: first > 0 ? tokens[first - 1]!.end : tokens[first]!.start, end: tokens[last]!.end, text: '' });
  /** Swaps two items (token ranges) of a list, keeping what lies between them. */
  const swap = (a: [number, number], b: [number, number]): Splice => {
    const [aFirst, aLast] = [tokens[a[0]]!, tokens[a[1]]!];
    const [bFirst, bLast] = [tokens[b[0]]!, tokens[b[1]]!];
    return { start: aFirst.start, end: bLast.end, text: between(bFirst, bLast) + sql.slice(aLast.end, bFirst.start) + between(aFirst, aLast) };
  };
  /** Removes item k of a list (with the comma that joins it to its neighbour). */
  const removeItem = (list: ReturnType<typeof listItems>, k: number): Splice => {
    const [first, last] = list.items[k]!;
    if (k > 0) return { start: tokens[list.commas[k - 1]!]!.start, end: tokens[last]!.end, text: '' };
    return { start: tokens[first]!.start, end: tokens[list.items[1]![0]]!.start, text: '' };
  };
  const text = (range: [number, number]) => between(tokens[range[0]]!, tokens[range[1]]!);

  for (const [first, last] of statements(tokens)) {
    const statement = tokens.slice(first, last + 1);
    const kind = statement[0]?.text.toUpperCase();
    const at = (offset: number) => first + offset;

    // --- INSERT: the column list, the first VALUES tuple, ON DUPLICATE KEY UPDATE ---
    if (kind === 'INSERT' || kind === 'REPLACE') {
      const into = statement.findIndex((token) => isWord(token, 'INTO'));
      const columnsOpen = into === -1 ? -1 : statement.findIndex((token, index) => index > into && token.kind === 'open');
      const valuesAt = statement.findIndex((token) => isWord(token, 'VALUES') && token.depth === statement[0]!.depth);
      const insertColumns = columnsOpen !== -1 && (valuesAt === -1 || columnsOpen < valuesAt) ? listItems(tokens, at(columnsOpen)) : undefined;
      if (insertColumns) {
        for (let k = 0; k + 1 < insertColumns.items.length; k++) {
          add('swap-adjacent', `columns ${text(insertColumns.items[k]!)} and ${text(insertColumns.items[k + 1]!)} swapped in the INSERT's column list`, swap(insertColumns.items[k]!, insertColumns.items[k + 1]!));
        }
      }
      if (valuesAt !== -1 && statement[valuesAt + 1]?.kind === 'open') {
        const values = listItems(tokens, at(valuesAt + 1));
        for (let k = 0; k + 1 < values.items.length; k++) {
          add('swap-adjacent', `values ${k + 1} and ${k + 2} (${text(values.items[k]!)}, ${text(values.items[k + 1]!)}) swapped in VALUES`, swap(values.items[k]!, values.items[k + 1]!));
        }
      }
      const on = statement.findIndex((token, index) => isWord(token, 'ON') && isWord(statement[index + 1], 'DUPLICATE') && isWord(statement[index + 3], 'UPDATE'));
      if (on !== -1) {
        const update = at(on + 3);
        const assignments = splitByCommas(tokens, update + 1, last, tokens[update]!.depth);
        const list = { items: assignments.items, commas: assignments.commas };
        const targets = assignments.items.map(([start]) => nameOf(tokens[start]));
        if (assignments.items.length > 1) {
          assignments.items.forEach((_item, k) => add('odku-drop-column', `ON DUPLICATE KEY UPDATE forgets ${targets[k]}`, removeItem(list, k)));
        }
        const inserted = insertColumns?.items.map(([start]) => nameOf(tokens[start])) ?? [];
        const lastItem = assignments.items.at(-1);
        if (lastItem && inserted.includes('created_at') && !targets.includes('created_at') && targets.at(-1)) {
          const column = targets.at(-1)!;
          const assignment = text(lastItem).replace(new RegExp(`\\b${column}\\b`, 'g'), 'created_at');
          const separator = assignments.items.length > 1 ? sql.slice(tokens[assignments.items.at(-2)![1]]!.end, tokens[lastItem[0]]!.start) : ', ';
          add('odku-add-created-at', 'ON DUPLICATE KEY UPDATE also overwrites created_at', { start: tokens[lastItem[1]]!.end, end: tokens[lastItem[1]]!.end, text: separator + assignment });
        }
      }
    }

    // --- UPDATE ... SET: two adjacent targets swapped ---
    if (kind === 'UPDATE') {
      const set = statement.findIndex((token) => isWord(token, 'SET'));
      const where = statement.findIndex((token) => isWord(token, 'WHERE') && token.depth === statement[0]!.depth);
      if (set !== -1) {
        const assignments = splitByCommas(tokens, at(set) + 1, where === -1 ? last : at(where) - 1, statement[set]!.depth);
        for (let k = 0; k + 1 < assignments.items.length; k++) {
          const [a, b] = [tokens[assignments.items[k]![0]]!, tokens[assignments.items[k + 1]![0]]!];
          add('swap-adjacent', `SET assigns ${a.text}'s value to ${b.text} and ${b.text}'s to ${a.text}`, { start: a.start, end: a.end, text: b.text }, { start: b.start, end: b.end, text: a.text });
        }
      }
    }

    // --- WHERE dropped, or a column of its comparisons changed ---
    if (kind === 'UPDATE' || kind === 'DELETE' || kind === 'SELECT') {
      statement.forEach((token, offset) => {
        if (!isWord(token, 'WHERE')) return;
        const end = clauseEnd(tokens, at(offset), last);
        add('where-dropped', `the WHERE (${between(token, tokens[end]!).replace(/\s+/g, ' ')}) dropped`, remove(at(offset), end));
        for (let index = at(offset) + 1; index < end; index++) {
          const column = nameOf(tokens[index]);
          if (!column || tokens[index + 1]?.kind !== 'operator' || !/^(=|<|>|<=|>=|<>|!=|<=>)$/.test(tokens[index + 1]!.text)) continue;
          const other = anotherColumn(options.tables, column);
          if (other) add('where-column-changed', `the WHERE compares ${other} instead of ${column}`, { start: tokens[index]!.start, end: tokens[index]!.end, text: other });
        }
      });
    }

    // --- CREATE TABLE: column types, NOT NULL, indexes, ON DELETE CASCADE ---
    if (kind === 'CREATE' && statement.some((token) => isWord(token, 'TABLE'))) {
      const open = statement.findIndex((token) => token.kind === 'open');
      if (open !== -1) {
        const definitions = listItems(tokens, at(open));
        const primaryKey = new Set<string>();
        for (const [start, end] of definitions.items) {
          if (isWord(tokens[start], 'PRIMARY')) {
            const keyOpen = tokens.findIndex((token, index) => index > start && index <= end && token.kind === 'open');
            listItems(tokens, keyOpen).items.forEach(([columnAt]) => primaryKey.add(nameOf(tokens[columnAt])!));
          } else if (tokens.slice(start, end + 1).some((token) => isWord(token, 'PRIMARY'))) primaryKey.add(nameOf(tokens[start])!);
        }
        definitions.items.forEach(([start, end], k) => {
          const head = tokens[start]!;
          const isIndex = isWord(head, 'INDEX', 'KEY', 'UNIQUE', 'FULLTEXT') || (isWord(head, 'CONSTRAINT') && tokens.slice(start, end + 1).some((token) => isWord(token, 'UNIQUE')));
          if (isIndex) {
            const label = between(head, tokens[tokens.findIndex((token, index) => index > start && token.kind === 'open') - 1]!);
            add('index-dropped', `${label} dropped`, removeItem(definitions, k));
            const keyOpen = tokens.findIndex((token, index) => index > start && index <= end && token.kind === 'open');
            const columns = listItems(tokens, keyOpen);
            for (let c = 0; c + 1 < columns.items.length; c++) {
              add('index-columns-reordered', `${label}: columns ${text(columns.items[c]!)} and ${text(columns.items[c + 1]!)} in the other order`, swap(columns.items[c]!, columns.items[c + 1]!));
            }
            const unique = tokens.findIndex((token, index) => index >= start && index <= end && isWord(token, 'UNIQUE'));
            if (unique !== -1) {
              const next = tokens[unique + 1];
              const plain = isWord(head, 'CONSTRAINT')
                ? { start: head.start, end: (isWord(next, 'KEY', 'INDEX') ? next! : tokens[unique]!).end, text: `INDEX ${tokens[start + 1]!.text}` }
                : isWord(next, 'KEY', 'INDEX')
                  ? { start: tokens[unique]!.start, end: next!.start, text: '' }
                  : { start: tokens[unique]!.start, end: tokens[unique]!.end, text: 'INDEX' };
              add('unique-to-plain-index', `${label} is a plain index, not UNIQUE`, plain);
            }
            return;
          }
          if (isWord(head, 'PRIMARY', 'CONSTRAINT', 'FOREIGN', 'CHECK')) {
            cascades(start, end);
            return;
          }
          // a column definition
          const column = nameOf(head)!;
          for (let index = start + 1; index <= end; index++) {
            const token = tokens[index]!;
            if (isWord(token, 'NOT') && isWord(tokens[index + 1], 'NULL') && !primaryKey.has(column)) {
              // (a PRIMARY KEY column is NOT NULL anyway: dropping it there changes nothing)
              add('not-null-dropped', `${column} loses NOT NULL`, remove(index, index + 1));
            }
            if (isWord(token, 'UNIQUE')) add('unique-to-plain-index', `${column} is not UNIQUE`, remove(index, isWord(tokens[index + 1], 'KEY') ? index + 1 : index));
          }
          cascades(start, end);
        });
      }
    }

    // --- anywhere: types, precisions, comparisons, functions ---
    for (let index = first; index <= last; index++) {
      const token = tokens[index]!;
      const next = tokens[index + 1];
      const argument = next?.kind === 'open' && tokens[index + 2]?.kind === 'number' && tokens[index + 3]?.kind === 'close' ? tokens[index + 2]! : undefined;
      const parenthesis = argument ? { start: next!.start, end: tokens[index + 3]!.end } : undefined;
      if (argument && argument.text === '6' && isWord(token, 'NOW', 'UTC_TIMESTAMP', 'SYSDATE')) {
        add('now-precision', `${token.text}(6) -> ${token.text}() (whole seconds)`, { ...parenthesis!, text: '()' });
      }
      if (argument && argument.text === '6' && isWord(token, 'DATETIME', 'TIMESTAMP', 'TIME', 'CURRENT_TIMESTAMP')) {
        add('datetime-precision', `${token.text}(6) -> ${token.text} (whole seconds)`, { ...parenthesis!, text: '' });
      }
      if (argument && isWord(token, 'VARCHAR')) {
        const length = Number(argument.text);
        if (length > 1) add('varchar-narrowed', `VARCHAR(${length}) -> VARCHAR(${length - 1})`, { start: argument.start, end: argument.end, text: String(length - 1) });
        add('varchar-widened', `VARCHAR(${length}) -> VARCHAR(${length + 1})`, { start: argument.start, end: argument.end, text: String(length + 1) });
        if (length <= 255) add('varchar-to-char', `VARCHAR(${length}) -> CHAR(${length})`, { start: token.start, end: token.end, text: 'CHAR' });
      }
      if (argument && isWord(token, 'CHAR') && tokens[index - 1]?.kind !== 'operator') {
        add('char-to-varchar', `CHAR(${argument.text}) -> VARCHAR(${argument.text})`, { start: token.start, end: token.end, text: 'VARCHAR' });
      }
      if (isWord(token, 'DECIMAL', 'NUMERIC')) {
        const end = next?.kind === 'open' ? tokens[next.partner!]! : token;
        add('decimal-to-double', `${between(token, end)} -> DOUBLE`, { start: token.start, end: end.end, text: 'DOUBLE' });
      }
      if (token.kind === 'operator' && ['>=', '>', '<=', '<'].includes(token.text)) {
        const swapped = { '>=': '>', '>': '>=', '<=': '<', '<': '<=' }[token.text]!;
        add('comparison', `${token.text} -> ${swapped} (${between(tokens[Math.max(first, index - 1)]!, tokens[Math.min(last, index + 1)]!)})`, { start: token.start, end: token.end, text: swapped });
      }
      if (next?.kind === 'open' && isWord(token, 'COALESCE', 'IFNULL')) {
        const args = listItems(tokens, index + 1);
        for (let k = 0; k + 1 < args.items.length; k++) {
          add('coalesce-swapped', `${token.text}(${text(args.items[k]!)}, ${text(args.items[k + 1]!)}) arguments swapped`, swap(args.items[k]!, args.items[k + 1]!));
        }
      }
      if (next?.kind === 'open' && isWord(token, 'IF')) {
        const args = listItems(tokens, index + 1);
        if (args.items.length === 3) add('if-swapped', `IF(${text(args.items[0]!)}, ...) branches swapped`, swap(args.items[1]!, args.items[2]!));
      }
      if (isWord(token, 'VALUES') && next?.kind === 'open' && nameOf(tokens[index + 2]) && tokens[index + 3]?.kind === 'close' && ['operator', 'open', 'comma'].includes(tokens[index - 1]?.kind ?? '')) {
        add('values-to-column', `VALUES(${tokens[index + 2]!.text}) -> ${tokens[index + 2]!.text} (the stored value, not the new one)`, { start: token.start, end: tokens[index + 3]!.end, text: tokens[index + 2]!.text });
      }
    }
  }
  return mutants;

  /** ON DELETE CASCADE dropped, in a definition (column or constraint). */
  function cascades(start: number, end: number) {
    for (let index = start; index + 2 <= end; index++) {
      if (isWord(tokens[index], 'ON') && isWord(tokens[index + 1], 'DELETE') && isWord(tokens[index + 2], 'CASCADE')) add('cascade-dropped', 'ON DELETE CASCADE dropped', remove(index, index + 2));
    }
  }
}

/** The statements of a text: token index ranges [first, last], split at top-level `;`. */
function statements(tokens: readonly Token[]): [number, number][] {
  const ranges: [number, number][] = [];
  let first = 0;
  tokens.forEach((token, index) => {
    if (token.kind === 'semicolon' && token.depth === 0) {
      if (index > first) ranges.push([first, index - 1]);
      first = index + 1;
    }
  });
  if (first < tokens.length) ranges.push([first, tokens.length - 1]);
  return ranges;
}

/** Items separated by commas at `depth`, from `first` to `last` (inclusive), stopping at a shallower token. */
function splitByCommas(tokens: readonly Token[], first: number, last: number, depth: number): { items: [number, number][]; commas: number[] } {
  const items: [number, number][] = [];
  const commas: number[] = [];
  let start = first;
  let index = first;
  for (; index <= last && tokens[index]!.depth >= depth && !(tokens[index]!.kind === 'close' && tokens[index]!.depth < depth); index++) {
    if (tokens[index]!.kind === 'comma' && tokens[index]!.depth === depth) {
      if (index > start) items.push([start, index - 1]);
      commas.push(index);
      start = index + 1;
    }
  }
  if (index > start) items.push([start, index - 1]);
  return { items, commas };
}

/** The last token of a WHERE's condition (the clause that starts at tokens[where]). */
function clauseEnd(tokens: readonly Token[], where: number, last: number): number {
  const depth = tokens[where]!.depth;
  let index = where + 1;
  while (index + 1 <= last) {
    const next = tokens[index + 1]!;
    if (next.depth < depth || (next.kind === 'close' && next.depth <= depth - 1)) break;
    if (next.depth === depth && (isWord(next, 'ORDER', 'GROUP', 'LIMIT', 'HAVING', 'UNION', 'FOR', 'RETURNING') || next.kind === 'semicolon')) break;
    index++;
  }
  return index;
}

/** Another column of a table that has `column`: one with the same suffix (`_id`, `_at`) first, else the next one. */
function anotherColumn(tables: SqlMutantOptions['tables'], column: string): string | undefined {
  for (const columns of tables?.values() ?? []) {
    const position = columns.indexOf(column);
    if (position === -1) continue;
    const suffix = /_[a-z]+$/.exec(column)?.[0];
    const others = [...columns.slice(position + 1), ...columns.slice(0, position)];
    return others.find((other) => suffix !== undefined && other.endsWith(suffix)) ?? others[0];
  }
  return undefined;
}

/** The columns of each CREATE TABLE in a text, in order (for `SqlMutantOptions.tables`). */
export function tableColumns(sql: string): Map<string, string[]> {
  const tokens = tokenize(sql);
  const tables = new Map<string, string[]>();
  for (const [first, last] of statements(tokens)) {
    if (!isWord(tokens[first], 'CREATE')) continue;
    const table = tokens.findIndex((token, index) => index >= first && index <= last && isWord(token, 'TABLE'));
    const open = tokens.findIndex((token, index) => index > table && index <= last && token.kind === 'open');
    if (table === -1 || open === -1) continue;
    const name = nameOf(tokens[open - 1])!;
    const columns = listItems(tokens, open)
      .items.map(([start]) => tokens[start]!)
      .filter((head) => !isWord(head, 'PRIMARY', 'INDEX', 'KEY', 'UNIQUE', 'FULLTEXT', 'CONSTRAINT', 'FOREIGN', 'CHECK'))
      .flatMap((head) => nameOf(head) ?? []);
    tables.set(name, columns);
  }
  return tables;
}
