/**
 * The vitest config of a verifier batch (spec/verifier/batch.ts): several verification runs
 * (say, twelve catalogued mistakes of one kata) in ONE vitest process, one project per run, each
 * project with its own module redirection. A vitest process costs seconds to start; a project
 * costs a Vite plugin instance and a worker. Projects never share a worker (vitest reuses a
 * worker only within its project), so one run's redirected modules cannot leak into another's.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { shared, withoutHarnessFrames } from '../../vitest.config.ts';
import { kataRedirect } from '../redirect.ts';

/** One run of a batch, handed over in KATA_VERIFY_BATCH (JSON). */
export type BatchRun = {
  /** the project's name, unique in the batch */
  name: string;
  /** a KATA_VERIFY_MODE value: stubs, reference or mistake:<kata>/<name> */
  mode: string;
  /** test files, relative to the repository root */
  include: string[];
  /** environment variables of the run's worker (TZ, ...) */
  env?: Record<string, string>;
};

const root = fileURLToPath(new URL('../..', import.meta.url));
const runs = JSON.parse(process.env.KATA_VERIFY_BATCH ?? '[]') as BatchRun[];
if (runs.length === 0) throw new Error('spec/verifier/batch.config.ts needs KATA_VERIFY_BATCH (a JSON list of runs): run it through spec/verifier/batch.ts');

export default defineConfig({
  root,
  test: {
    globalSetup: ['harness/testing/global-setup.ts'],
    reporters: [fileURLToPath(new URL('./batch-reporter.ts', import.meta.url))],
    projects: runs.map((run) => ({
      plugins: [kataRedirect(root, run.mode)],
      test: { ...shared, name: run.name, include: run.include, env: run.env ?? {}, onStackTrace: withoutHarnessFrames },
    })),
  },
});
