/**
 * The student template: it installs, its kata suites are red (stubs), nothing of spec/ leaked,
 * and the fingerprint catches an edited suite.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFingerprint } from '../harness/grading/fingerprint.ts';
import { capture } from '../harness/servers/processes.ts';
import { kataEnvironment } from '../harness/testing/provided.ts';
import { exportTemplate } from './export-template.ts';

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
    expect(manifest.scripts.test).toBe('vitest');
    expect(files).toContain('fingerprint.json');
  });

  it('installs from its lockfile, and a student\'s first `npm test -- katas/01-user/` is red', async () => {
    const install = await capture('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: target });
    expect(install.code, install.output).toBe(0);
    const environment = kataEnvironment();
    const run = await capture(process.execPath, [join(target, 'node_modules', 'vitest', 'vitest.mjs'), 'run', 'katas/01-user/'], {
      cwd: target,
      env: { ...process.env, KATA_MYSQL_URL: environment.mysqlUrl, KATA_KAFKA_BROKERS: environment.kafkaBrokers?.join(',') ?? '', KATA_PROVIDER: 'env', KATA_VERIFY_MODE: '', CI: 'true', KATA_STATE_DIR: join(target, '.kata') },
    });
    expect(run.code, run.output.slice(-2000)).toBe(1);
    expect(run.output).toContain('There is no `users` table');
    expect(run.output).toMatch(/Tests\s+.*\d+ failed/);
    expect(run.output).not.toMatch(/\d+ passed/);
  }, 120_000);

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
