/**
 * Used by the grading workflow: puts the template's graded files (those listed in its
 * fingerprint.json) over the student's repository, and deletes graded files the template does not
 * have (an added test file, say). Run from the template's own copy, so a student cannot change it.
 *
 *   node <template>/harness/cli/restore-graded.ts <template clone> <repository folder>
 *
 * The files come from the template version the student's repository was made from: the template
 * commit whose fingerprint.json names the same `source` as the student's. When the template is
 * not a git clone, or no version matches (the student's fingerprint.json was edited, or it is
 * older than versioned fingerprints), the template's current files are used and the log says so.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { computeFingerprint, FINGERPRINT_FILE, type Fingerprint } from '../grading/fingerprint.ts';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });

function readFingerprint(text: string): Fingerprint | undefined {
  try {
    return JSON.parse(text) as Fingerprint;
  } catch {
    return undefined;
  }
}

/** The template commit whose fingerprint.json has this source, newest first; undefined when none. */
function matchingCommit(template: string, source: string | undefined): string | undefined {
  if (!source || !existsSync(join(template, '.git'))) return undefined;
  let commits: string[];
  try {
    commits = git(template, 'log', '--format=%H', '--', FINGERPRINT_FILE).split('\n').filter(Boolean);
  } catch {
    return undefined;
  }
  return commits.find((commit) => {
    try {
      return readFingerprint(git(template, 'show', `${commit}:${FINGERPRINT_FILE}`))?.source === source;
    } catch {
      return false;
    }
  });
}

export function restoreGraded(template: string, repository: string, log: (line: string) => void = console.log): void {
  const studentFingerprint = existsSync(join(repository, FINGERPRINT_FILE)) ? readFingerprint(readFileSync(join(repository, FINGERPRINT_FILE), 'utf8')) : undefined;
  const commit = matchingCommit(template, studentFingerprint?.source);
  let origin = template;
  let cleanup = () => undefined as void;
  if (commit) {
    // the matching version's files, without touching the clone this script runs from
    origin = mkdtempSync(join(tmpdir(), 'kata-template-version-'));
    git(template, 'worktree', 'add', '--detach', '--force', origin, commit);
    cleanup = () => {
      rmSync(origin, { recursive: true, force: true });
      try {
        git(template, 'worktree', 'prune');
      } catch {
        // only bookkeeping of a temporary clone
      }
    };
    log(`template version: ${commit.slice(0, 12)} (fingerprint source ${studentFingerprint!.source})`);
  } else {
    log(
      studentFingerprint?.source
        ? `no template version has fingerprint source ${studentFingerprint.source} (fingerprint.json edited?): restoring the template's current files`
        : 'the repository names no template version: restoring the template\'s current files',
    );
  }
  try {
    const fingerprint = readFingerprint(readFileSync(join(origin, FINGERPRINT_FILE), 'utf8'));
    if (!fingerprint) throw new Error(`the template's ${FINGERPRINT_FILE} is not valid JSON`);
    const graded = Object.keys(fingerprint.files);
    for (const file of graded) {
      mkdirSync(dirname(join(repository, file)), { recursive: true });
      cpSync(join(origin, file), join(repository, file));
    }
    const extra = Object.keys(computeFingerprint(repository)).filter((file) => !fingerprint.files[file]);
    for (const file of extra) rmSync(join(repository, file));
    writeFileSync(join(repository, FINGERPRINT_FILE), readFileSync(join(origin, FINGERPRINT_FILE)));
    log(`restored ${graded.length} graded files from the template${extra.length ? `; removed ${extra.join(', ')}` : ''}`);
  } finally {
    cleanup();
  }
}

if (import.meta.main) {
  const [template, repository] = process.argv.slice(2);
  if (!template || !repository) {
    console.error('usage: node restore-graded.ts <template folder> <repository folder>');
    process.exit(2);
  }
  restoreGraded(template, repository);
}
