/**
 * Used by the grading workflow: copies every graded file of the template (the files listed in its
 * fingerprint.json) over the student's repository, and deletes graded files the template does not
 * have (an added test file, say). Run from the template's own copy, so a student cannot change it.
 *
 *   node <template>/harness/cli/restore-graded.ts <template folder> <repository folder>
 */
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { computeFingerprint, FINGERPRINT_FILE } from '../grading/fingerprint.ts';

const [template, repository] = process.argv.slice(2);
if (!template || !repository) {
  console.error('usage: node restore-graded.ts <template folder> <repository folder>');
  process.exit(2);
}
const fingerprint = JSON.parse(readFileSync(join(template, FINGERPRINT_FILE), 'utf8')) as { files: Record<string, string> };
const graded = Object.keys(fingerprint.files);
for (const file of graded) {
  mkdirSync(dirname(join(repository, file)), { recursive: true });
  cpSync(join(template, file), join(repository, file));
}
const extra = Object.keys(computeFingerprint(repository)).filter((file) => !fingerprint.files[file]);
for (const file of extra) rmSync(join(repository, file));
cpSync(join(template, FINGERPRINT_FILE), join(repository, FINGERPRINT_FILE));
console.log(`restored ${graded.length} graded files from the template${extra.length ? `; removed ${extra.join(', ')}` : ''}`);
