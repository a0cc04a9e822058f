/**
 * For tests of the learner's tools: each test gets a throwaway KATA_STATE_DIR (progress, hints,
 * results), so that no test reads another's progress or the student's own .kata folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** Registers the hooks; returns the current test's folder. */
export function useTemporaryStateDir(): () => string {
  let stateDir = '';
  beforeEach(() => {
    stateDir = mkdtempSync(join(tmpdir(), 'kata-state-'));
    process.env.KATA_STATE_DIR = stateDir;
  });
  afterEach(() => {
    delete process.env.KATA_STATE_DIR;
    rmSync(stateDir, { recursive: true, force: true });
  });
  return () => stateDir;
}
