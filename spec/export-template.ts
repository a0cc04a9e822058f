/**
 * npm run export:template -- <dir>: writes the student template. Everything a student or an
 * instructor needs, nothing that gives answers away or only maintainers use: no reference
 * solutions, no mistakes catalogue, no verifier, no maintainers' scripts or CI. It adds
 * fingerprint.json, the hashes of every graded file (see harness/grading/fingerprint.ts).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import { computeFingerprint, FINGERPRINT_FILE, type Fingerprint } from '../harness/grading/fingerprint.ts';
import { templateManifest, writeTemplateLockfile, type Manifest } from './template-packages.ts';

/**
 * The service's fault-injection proofs (a second instance, a crash and restart, a database
 * outage) take most of a whole test run (~50 s of 85 s) and prove the harness, not a student's
 * code: they run in the course's own repository (verify), not in every student's `npx vitest run`.
 */
const SERVICE_PROOFS = [
  /^harness\/dev\/playground\.test\.ts$/,
  /^harness\/scale-out\.e2e\.test\.ts$/,
  /^harness\/kafka\/event-consumer\.restart\.e2e\.test\.ts$/,
  /^harness\/kafka\/database-outage\.e2e\.test\.ts$/,
  // the service's fault proofs of issue #23: kills, freezes, rebalances mid-burst
  /^harness\/kafka\/(faults|membership|event-contract)\.e2e\.test\.ts$/,
];
const MAINTAINER_ONLY = [/^spec\//, /^scripts\//, /^\.ci\//, /^\.github\/workflows\/ci\.yml$/, /^fingerprint\.json$/, ...SERVICE_PROOFS];

/**
 * A document as the template has it: `<!-- maintainers -->...<!-- /maintainers -->` blocks (what
 * only the course's own repository has: spec/, the verifier) are dropped, and `<!-- template
 * ... -->` blocks (what only the template needs: how grading works for a student) are shown.
 */
export function forStudents(markdown: string): string {
  return markdown
    .replace(/^<!-- maintainers -->\n[\s\S]*?^<!-- \/maintainers -->\n/gm, '')
    .replace(/^<!-- template\n([\s\S]*?)^-->\n/gm, '$1');
}

/**
 * Names the exported version: the course's commit, plus a hash of uncommitted changes when there
 * are any (so two different exports never share a name).
 */
function sourceVersion(root: string): string {
  const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  const changes = execFileSync('git', ['diff', 'HEAD'], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return changes ? `${commit}+${createHash('sha256').update(changes).digest('hex').slice(0, 12)}` : commit;
}

export function exportTemplate(root: string, target: string): string[] {
  if (existsSync(target) && readdirSync(target).length > 0) throw new Error(`${target} is not empty: export into a new folder`);
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file && existsSync(join(root, file)) && !MAINTAINER_ONLY.some((pattern) => pattern.test(file)));
  for (const file of files) {
    mkdirSync(dirname(join(target, file)), { recursive: true });
    if (file.endsWith('.md')) writeFileSync(join(target, file), forStudents(readFileSync(join(root, file), 'utf8')));
    else cpSync(join(root, file), join(target, file));
  }
  // without the maintainers' scripts and the packages only they use (template-packages.ts)
  const manifest = templateManifest(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest);
  writeFileSync(join(target, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  writeTemplateLockfile(target, readFileSync(join(root, 'package-lock.json'), 'utf8'));
  const fingerprint: Fingerprint = { source: sourceVersion(root), files: computeFingerprint(target) };
  writeFileSync(join(target, FINGERPRINT_FILE), JSON.stringify(fingerprint, null, 2) + '\n');
  return files;
}

if (import.meta.main) {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length !== 1) {
    console.error('usage: npm run export:template -- <new folder>');
    process.exit(2);
  }
  const root = fileURLToPath(new URL('..', import.meta.url));
  try {
    const target = resolve(process.cwd(), positionals[0]!);
    const files = exportTemplate(root, target);
    console.log(`Exported ${files.length} files and ${FINGERPRINT_FILE} to ${target}.\nNext: cd into it, git init, push it as the assignment's template repository.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
