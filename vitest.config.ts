// first: a too-old Node gets one clear line, not a crash inside vitest's reporter
import './harness/node-version.mjs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { configDefaults, defineConfig, type Plugin } from 'vitest/config';
import { curriculum } from './curriculum.ts';
import { LearnerSequencer } from './harness/learn/loop-gate.ts';
import { alreadyExplained } from './harness/testing/unawaited-statements.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/** A student's red test shows their own code and the test, never harness internals. */
export const withoutHarnessFrames = (_error: unknown, frame: { file: string }) => !/[\\/](harness|node_modules)[\\/]/.test(frame.file);

// Shared by every project; the environment itself is provisioned once, by the root's globalSetup.
// (Exported for the verifier's batch config, spec/verifier/batch.config.ts.)
export const shared = {
  setupFiles: ['harness/testing/setup.ts'],
  globalSetup: [],
  testTimeout: 20_000,
  hookTimeout: 60_000,
  // Test files share a worker's loaded modules (mysql2, fast-check, the harness) instead of
  // importing them again for each file: a cold kata run takes 2.3 s instead of 3.7 s. Safe here:
  // every file sets up its own database and topics in beforeAll and releases them in afterAll.
  isolate: false,
};

// The verifier's module redirection (spec/redirect.ts) is loaded only when it is asked for: the
// student template ships without spec/.
// (A computed specifier, so that the config's bundler does not try to resolve it when it is absent.)
const redirectModule = pathToFileURL(join(root, 'spec', 'redirect.ts')).href;
const plugins = process.env.KATA_VERIFY_MODE ? [((await import(redirectModule)) as { kataRedirect(root: string): Plugin }).kataRedirect(root)] : [];

// The harness's own suites prove the course's machinery, not a student's code, and took about half
// of the template's whole `npx vitest run`: the student template (no spec/) leaves them out unless
// asked (`npm run doctor -- --suites` sets KATA_HARNESS_SUITES); the course's repository always runs them.
const harnessSuites = existsSync(join(root, 'spec')) || Boolean(process.env.KATA_HARNESS_SUITES);

export default defineConfig({
  plugins,
  test: {
    globalSetup: ['harness/testing/global-setup.ts'],
    // a statement nobody awaited rejects the student's own async callback too (forEach(async ...)):
    // the failing test already names the mistake (StatementNotAwaited), so its driver error is not
    // printed again as an "Unhandled Rejection", dozens of times (unawaited-statements.ts)
    onUnhandledError: (error) => (alreadyExplained(error) ? false : undefined),
    // in the learner's watch loop: the current exercise first; end-to-end suites once they can teach,
    // right after the unit suites the save touched (the green ones at 5 cases first; loop-gate.ts)
    sequence: { sequencer: LearnerSequencer },
    // vitest's default output, with a later exercise's failures in one line (calm-reporter.ts), then
    // the learner's progress ladder (silent during `npm run verify`)
    reporters: ['./harness/learn/calm-reporter.ts', './harness/learn/progress-reporter.ts'],
    projects: [
      ...curriculum.map((kata) => ({
        extends: true as const,
        test: {
          ...shared,
          name: kata.id,
          include: [`katas/${kata.id}/**/*.test.ts`],
          onStackTrace: withoutHarnessFrames,
        },
      })),
      ...(harnessSuites ? [{ extends: true as const, test: { ...shared, name: 'harness', include: ['harness/**/*.test.ts'] } }] : []),
      // (spec/verifier/fixtures/ holds test files that only the verifier's own tests run)
      { extends: true as const, test: { ...shared, name: 'spec', include: ['spec/**/*.test.ts'], exclude: [...configDefaults.exclude, 'spec/verifier/fixtures/**'] } },
    ],
  },
});
