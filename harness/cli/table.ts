/**
 * Rows as plain text for the terminal: a table, or, when a value would not fit in a table cell
 * (longer than 60 characters, or several lines, as SHOW CREATE TABLE's), one block per row with
 * each value whole, like the mysql client's `\G`. A cut `CREATE TABLE` teaches nothing.
 */
const MAX_CELL = 60;

const text = (value: unknown) => (value === null || value === undefined ? 'NULL' : typeof value === 'object' ? JSON.stringify(value) : String(value));
const fitsACell = (value: string) => !value.includes('\n') && [...value].length <= MAX_CELL;

export function renderTable(rows: readonly Record<string, unknown>[], columns: readonly string[] = Object.keys(rows[0] ?? {})): string {
  const values = rows.map((row) => columns.map((column) => text(row[column])));
  return values.every((line) => line.every(fitsACell)) ? asTable(values, columns) : asBlocks(values, columns);
}

function asTable(body: string[][], columns: readonly string[]): string {
  const widths = columns.map((column, i) => Math.max(column.length, ...body.map((line) => [...line[i]!].length)));
  const line = (cells: readonly string[]) => '| ' + cells.map((cell, i) => cell + ' '.repeat(widths[i]! - [...cell].length)).join(' | ') + ' |';
  const rule = '+' + widths.map((width) => '-'.repeat(width + 2)).join('+') + '+';
  return [rule, line(columns), rule, ...body.map(line), rule].join('\n');
}

function asBlocks(body: string[][], columns: readonly string[]): string {
  const width = Math.max(...columns.map((column) => column.length));
  return body
    .map((line, n) => [`*************************** ${n + 1}. row ***************************`, ...columns.map((column, i) => `${column.padStart(width)}: ${line[i]}`)].join('\n'))
    .join('\n');
}
