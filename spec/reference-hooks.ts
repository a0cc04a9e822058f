/**
 * `node --import ./spec/reference-hooks.ts harness/main.ts`: the service with every kata's
 * reference solution in place of the student's file, as spec/redirect.ts does for vitest. For the
 * maintainers' proofs that start the real service as a process (harness/dev/playground.test.ts):
 * with the stubs, every event would be dead-lettered NotStarted, and "no good event is
 * dead-lettered" could not be shown. A kata module without a reference (none today) stays as it is.
 */
import { existsSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const KATA_MODULE = /\/katas\/(\d\d-[a-z-]+)\/([^/]+\.ts)$/;

registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    const match = KATA_MODULE.exec(resolved.url);
    if (!match || match[2]!.endsWith('.test.ts')) return resolved;
    const solution = `${root}spec/solutions/${match[1]}/${match[2]}`;
    return existsSync(solution) ? { ...resolved, url: pathToFileURL(solution).href } : resolved;
  },
});
