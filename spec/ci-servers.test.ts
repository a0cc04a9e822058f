/** The pieces of the three-server proof that need no server: choosing one, and the side-by-side text table. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintWorkflows } from './verifier/lint-workflows.ts';
import { checkVersion } from './verifier/server-choice.ts';
import { sideBySideText, type VerifyReport } from './verifier/side-by-side.ts';

describe('verify --server', () => {
  it('refuses a server of another line than the one named', () => {
    expect(checkVersion('mariadb-10.11', '10.11.14-MariaDB-0+deb12u2')).toBeUndefined();
    expect(checkVersion('mariadb-11.8', '11.8.3-MariaDB-0+deb13u1')).toBeUndefined();
    expect(checkVersion('mysql-9.7', '9.7.4')).toBeUndefined();
    expect(checkVersion('mariadb-10.11', '11.8.3-MariaDB')).toBe('server mariadb-10.11 cannot be had: the server that answered is version 11.8.3-MariaDB');
    expect(checkVersion('mysql-9.7', '8.4.6')).toMatch(/cannot be had/);
  });
});

describe('the side-by-side table as text (.ci/run)', () => {
  const report = (server: string, zone: string, ok: boolean): VerifyReport => ({
    server,
    passed: ok ? 2 : 1,
    failed: ok ? 0 : 1,
    checks: [
      { group: '01-user', name: 'stubs', expected: 'all fail', got: '0/29 passed', ok: true },
      { group: '01-user', name: `reference, TZ=${zone}`, expected: 'all pass', got: ok ? '29/29 passed' : '28/29 passed', ok },
    ],
  });
  it('aligns one column per server, says which checks a column did not run, and shows a missing report', () => {
    const text = sideBySideText([report('MariaDB 10.11.14', 'UTC', true), report('MySQL 9.7.4', 'Asia/Kolkata', false), { missing: 'mariadb-11.8' }]);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^kata +check +expected +MariaDB 10\.11\.14: 2 passed, 0 failed +MySQL 9\.7\.4: 1 passed, 1 failed +mariadb-11\.8: no report$/);
    expect(lines[1]).toMatch(/^01-user +stubs +all fail +✓ 0\/29 passed +✓ 0\/29 passed +-$/);
    expect(lines[2]).toMatch(/reference, TZ=UTC +all pass +✓ 29\/29 passed +- \(not in this column\) +-$/);
    expect(lines[3]).toMatch(/reference, TZ=Asia\/Kolkata +all pass +- \(not in this column\) +✗ 28\/29 passed +-$/);
    // columns line up: every row's server cells start where the header's do
    const at = lines[0]!.indexOf('MySQL 9.7.4');
    expect(lines[1]!.slice(at)).toMatch(/^✓ 0\/29/);
  });
});

describe('the workflows lint', () => {
  const lint = async (runner: string) => {
    const root = mkdtempSync(join(tmpdir(), 'kata-lint-'));
    try {
      mkdirSync(join(root, '.github', 'workflows'), { recursive: true });
      writeFileSync(join(root, '.github', 'workflows', 'ci.yml'), `on: push\njobs:\n  a:\n    runs-on: ${runner}\n    steps:\n      - run: echo hi\n`);
      return await lintWorkflows(root);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
  it("counts the outdated linter's unknown-label report apart for GitHub's newer images only", async () => {
    expect(await lint('ubuntu-24.04')).toMatchObject({ ok: true, got: '1 workflow(s), 0 problem(s) (+1 "vars" or newer-runner report(s) of the outdated linter)' });
    const typo = await lint('ubuntu-24.4');
    expect(typo.ok).toBe(false);
    expect(typo.details[0]).toContain('label "ubuntu-24.4" is unknown');
  });
});
