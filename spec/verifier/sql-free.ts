/**
 * Which test files cannot see the SQL server: nothing they load, at any depth, imports the MySQL
 * driver or starts another process (a child process may be a CLI or a vitest run that connects).
 * Their verdict is the same on every server, so .ci/run proves them once, on its first server
 * (`verify --sql-checks-only` on the others), with the static checks (tsc, actionlint, APIs).
 * Conservative by construction: a file whose graph the reader cannot follow counts as touching
 * the server, which costs time, never proof.
 */
import { existsSync, readFileSync } from 'node:fs';
import { moduleGraph } from './dependents.ts';

/** Bare imports that reach the server: the driver, and anything that starts a process. */
const REACHES_SERVER = /\bfrom\s+['"](mysql2(\/[^'"]*)?|(node:)?child_process|execa|testcontainers)['"]|\bimport\(\s*['"](mysql2(\/[^'"]*)?|(node:)?child_process)['"]/;

/** Whether running `file` (relative to root) can open a connection to the SQL server. */
export function touchesSqlServer(root: string, file: string): boolean {
  for (const module of moduleGraph(root, file)) {
    if (!existsSync(module) || REACHES_SERVER.test(readFileSync(module, 'utf8'))) return true;
  }
  return false;
}
