/**
 * The learner's local state: untracked files under .kata/ (progress of each kata, hints already
 * revealed). KATA_STATE_DIR moves it (the tests use a temporary folder).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function stateDir(): string {
  return process.env.KATA_STATE_DIR ?? join(REPO_ROOT, '.kata');
}

export function readState<T>(name: string, fallback: T): T {
  const file = join(stateDir(), name);
  if (!existsSync(file)) return fallback;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return fallback; // a damaged state file is not worth an error: start over
  }
}

export function writeState(name: string, value: unknown): void {
  mkdirSync(stateDir(), { recursive: true });
  writeFileSync(join(stateDir(), name), JSON.stringify(value, null, 2) + '\n');
}
