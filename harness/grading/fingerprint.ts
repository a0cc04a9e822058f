/**
 * Tamper evidence: the template publishes fingerprint.json, a SHA-256 of every graded file (the
 * suites, the harness, the configuration). The grader recomputes them and names every graded file
 * that differs. It proves a file changed, not who changed it or why; the workflow therefore also
 * restores the pristine files from the template before grading, when it can reach the template.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export const FINGERPRINT_FILE = 'fingerprint.json';

/**
 * fingerprint.json: the graded files' hashes, and `source`, the version of the course the
 * template was exported from (the grading workflow restores the graded files of that version).
 */
export type Fingerprint = { source?: string; files: Record<string, string> };

/** Graded: what decides a grade. Students' own files (tables.ts, *-dal.ts, *-consumer.ts) are not. */
export function isGraded(file: string): boolean {
  return (
    /^katas\/[^/]+\/.+\.test\.ts$/.test(file) ||
    file.startsWith('harness/') ||
    ['vitest.config.ts', 'package.json', 'package-lock.json', 'tsconfig.json', 'curriculum.ts', '.github/workflows/classroom.yml'].includes(file)
  );
}

function walk(root: string, folder = root, files: string[] = []): string[] {
  for (const name of readdirSync(folder)) {
    if (['node_modules', '.git', '.kata', '.tools'].includes(name)) continue;
    const path = join(folder, name);
    if (statSync(path).isDirectory()) walk(root, path, files);
    else files.push(relative(root, path).split(sep).join('/'));
  }
  return files;
}

export function computeFingerprint(root: string): Record<string, string> {
  const entries = walk(root)
    .filter(isGraded)
    .sort()
    .map((file) => [file, createHash('sha256').update(readFileSync(join(root, file))).digest('hex')] as const);
  return Object.fromEntries(entries);
}

export type FingerprintCheck = { available: boolean; changed: string[]; missing: string[]; added: string[] };

/** Compares the graded files with the published fingerprint (if the repo has one). */
export function checkFingerprint(root: string): FingerprintCheck {
  const file = join(root, FINGERPRINT_FILE);
  if (!existsSync(file)) return { available: false, changed: [], missing: [], added: [] };
  const expected = JSON.parse(readFileSync(file, 'utf8')) as Fingerprint;
  const actual = computeFingerprint(root);
  return {
    available: true,
    changed: Object.keys(expected.files).filter((name) => actual[name] !== undefined && actual[name] !== expected.files[name]),
    missing: Object.keys(expected.files).filter((name) => actual[name] === undefined),
    added: Object.keys(actual).filter((name) => expected.files[name] === undefined),
  };
}
