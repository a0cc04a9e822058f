/**
 * The verify tables of several servers side by side, as Markdown, for the job summary of
 * .github/workflows/ci.yml (MySQL 8.4 in Docker beside the local MariaDB):
 *
 *   node spec/verifier/side-by-side.ts mysql/verify-report.json mariadb/verify-report.json
 *
 * and as plain aligned text for a terminal, at the end of .ci/run (three servers' columns):
 *
 *   node spec/verifier/side-by-side.ts --text mariadb-10.11.json mariadb-11.8.json mysql-9.7.json
 *
 * Each report is what `npm run verify -- --report <file>` writes. A missing report (its job
 * failed before verify finished) shows as a column of "no report".
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

export type VerifyReport = {
  server: string;
  passed: number;
  failed: number;
  checks: { group: string; name: string; expected: string; got: string; ok: boolean }[];
};

/** One row per check of any report: its cell per report ("-" where that server did not run it). */
function grid(reports: readonly (VerifyReport | { missing: string })[], cell: (text: string) => string): { columns: string[]; rows: string[][] } {
  const columns = reports.map((report) => ('missing' in report ? `${report.missing}: no report` : `${report.server}: ${report.passed} passed, ${report.failed} failed`));
  const rows = new Map<string, { group: string; name: string; expected: string }>();
  for (const report of reports) if (!('missing' in report)) for (const check of report.checks) rows.set(`${check.group}\u0000${check.name}`, check);
  return {
    columns,
    rows: [...rows].map(([key, row]) => [
      row.group,
      row.name,
      row.expected,
      ...reports.map((report) => {
        if ('missing' in report) return '-';
        const check = report.checks.find((entry) => `${entry.group}\u0000${entry.name}` === key);
        return check ? `${check.ok ? '✓' : '✗'} ${cell(check.got)}` : '- (not in this column)';
      }),
    ]),
  };
}

/** The same table as aligned plain text (a terminal's, .ci/run's). */
export function sideBySideText(reports: readonly (VerifyReport | { missing: string })[]): string {
  const { columns, rows } = grid(reports, (text) => text);
  const header = ['kata', 'check', 'expected', ...columns];
  // long cells (a mistake's "caught by ..." text) are cut: the per-server tables above have them whole
  const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
  const table = [header, ...rows].map((row) => row.map((text, index) => cut(text, index === 2 ? 24 : 44)));
  const widths = header.map((_, index) => Math.max(...table.map((row) => row[index]!.length)));
  return table.map((row) => row.map((text, index) => text.padEnd(widths[index]!)).join('  ').trimEnd()).join('\n') + '\n';
}

export function sideBySide(reports: readonly (VerifyReport | { missing: string })[]): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const { columns, rows } = grid(reports, cell);
  const lines = ['## Verify, per server', '', `| kata | check | expected | ${columns.map(cell).join(' | ')} |`, `|---|---|---|${columns.map(() => '---|').join('')}`];
  for (const [group, name, expected, ...cells] of rows) lines.push(`| ${cell(group!)} | ${cell(name!)} | ${cell(expected!)} | ${cells.join(' | ')} |`);
  return lines.join('\n') + '\n';
}

if (import.meta.main) {
  const text = process.argv.includes('--text');
  const files = process.argv.slice(2).filter((argument) => argument !== '--text');
  const reports = files.map((file) => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as VerifyReport) : { missing: text ? basename(file, '.json') : file }));
  process.stdout.write(text ? sideBySideText(reports) : sideBySide(reports));
}
