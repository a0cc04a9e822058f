/** Rows as a plain text table, for the terminal. */
export function renderTable(rows: readonly Record<string, unknown>[], columns: readonly string[] = Object.keys(rows[0] ?? {})): string {
  const cell = (value: unknown) => (value === null || value === undefined ? 'NULL' : typeof value === 'object' ? JSON.stringify(value) : String(value)).replace(/\n/g, '\\n');
  const body = rows.map((row) => columns.map((column) => cell(row[column])));
  const widths = columns.map((column, i) => Math.min(60, Math.max(column.length, ...body.map((line) => [...line[i]!].length))));
  const fit = (text: string, width: number) => {
    const chars = [...text];
    return chars.length > width ? chars.slice(0, width - 1).join('') + '…' : text + ' '.repeat(width - chars.length);
  };
  const line = (cells: string[]) => '| ' + cells.map((text, i) => fit(text, widths[i]!)).join(' | ') + ' |';
  const rule = '+' + widths.map((width) => '-'.repeat(width + 2)).join('+') + '+';
  return [rule, line([...columns]), rule, ...body.map(line), rule].join('\n');
}
