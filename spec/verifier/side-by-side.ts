/**
 * The verify tables of several servers side by side, as Markdown, for the job summary of
 * .github/workflows/ci.yml (MySQL 8.4 in Docker beside the local MariaDB):
 *
 *   node spec/verifier/side-by-side.ts mysql/verify-report.json mariadb/verify-report.json
 *
 * Each report is what `npm run verify -- --report <file>` writes. A missing report (its job
 * failed before verify finished) shows as a column of "no report".
 */
import { existsSync, readFileSync } from 'node:fs';

export type VerifyReport = {
  server: string;
  passed: number;
  failed: number;
  checks: { group: string; name: string; expected: string; got: string; ok: boolean }[];
};

export function sideBySide(reports: readonly (VerifyReport | { missing: string })[]): string {
  const columns = reports.map((report) => ('missing' in report ? `${report.missing}: no report` : `${report.server}: ${report.passed} passed, ${report.failed} failed`));
  const rows = new Map<string, { group: string; name: string; expected: string }>();
  for (const report of reports) if (!('missing' in report)) for (const check of report.checks) rows.set(`${check.group}\u0000${check.name}`, check);
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const lines = ['## Verify, per server', '', `| kata | check | expected | ${columns.map(cell).join(' | ')} |`, `|---|---|---|${columns.map(() => '---|').join('')}`];
  for (const [key, row] of rows) {
    const cells = reports.map((report) => {
      if ('missing' in report) return '-';
      const check = report.checks.find((entry) => `${entry.group}\u0000${entry.name}` === key);
      return check ? `${check.ok ? '✓' : '✗'} ${cell(check.got)}` : 'not run';
    });
    lines.push(`| ${cell(row.group)} | ${cell(row.name)} | ${cell(row.expected)} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n') + '\n';
}

if (import.meta.main) {
  const reports = process.argv.slice(2).map((file) => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as VerifyReport) : { missing: file }));
  process.stdout.write(sideBySide(reports));
}
