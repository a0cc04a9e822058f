/** The workflows pin their actions; the dev container installs the local path. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { MAX_CONNECTIONS } from '../harness/servers/local-mysql.ts';

const classroom = readFileSync(new URL('../.github/workflows/classroom.yml', import.meta.url), 'utf8');
const ci = readFileSync(new URL('../.github/workflows/ci.yml', import.meta.url), 'utf8');
const courseName = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string }).name;

describe('.github/workflows/classroom.yml (generated: see harness/grading/grading.test.ts)', () => {
  it('pins every action to a version', () => {
    const uses = [...classroom.matchAll(/uses: (\S+)/g)].map((match) => match[1]!);
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/@v\d+(\.\d+)*$/);
  });

  it("grades student repositories only, on Classroom's triggers, never for github-classroom[bot]'s first push", () => {
    expect(classroom).toMatch(/^on:\n  push:\n  repository_dispatch:\n/m);
    const guard = /^    if: \$\{\{ (.*) \}\}$/m.exec(classroom)?.[1];
    expect(guard).toContain("github.actor != 'github-classroom[bot]'");
    expect(guard).toContain('!github.event.repository.is_template');
    expect(guard).toContain(`github.event.repository.name != '${courseName}'`);
    expect(classroom).not.toContain('always()');
  });
});

describe('.github/workflows/ci.yml', () => {
  it('runs on a pinned runner image, and keeps its reports unless the run was cancelled', () => {
    expect(ci).not.toContain('ubuntu-latest');
    expect(ci.match(/runs-on: (\S+)/g)!.every((line) => line === 'runs-on: ubuntu-24.04')).toBe(true);
    expect(ci).not.toContain('always()');
    const uploads = ci.split('- uses: actions/upload-artifact@').slice(1);
    expect(uploads).toHaveLength(3);
    for (const upload of uploads) {
      // the Node 24 majors: upload-artifact 6+, download-artifact 7+
      expect(Number(/^v(\d+)/.exec(upload)![1])).toBeGreaterThanOrEqual(6);
      expect(upload.split('\n\n')[0]).toContain('overwrite: true');
    }
    expect(Number(/actions\/download-artifact@v(\d+)/.exec(ci)![1])).toBeGreaterThanOrEqual(7);
  });

  it('proves MariaDB 11.8 beside MySQL 8.4, with the test servers\' connection limit', () => {
    expect(ci).toContain('mariadb:11.8');
    expect(ci).toContain(`--max-connections=${MAX_CONNECTIONS}`);
    expect(ci).toMatch(/needs: \[verify-docker, verify-mariadb-11, verify-local\]/);
  });
});

describe('.devcontainer/devcontainer.json', () => {
  it('uses Node 24 and installs the local path\'s packages', () => {
    const text = readFileSync(new URL('../.devcontainer/devcontainer.json', import.meta.url), 'utf8');
    const config = JSON.parse(text.replace(/^\s*\/\/.*$/gm, '')) as { image: string; postCreateCommand: string };
    expect(config.image).toMatch(/node:24/);
    expect(config.postCreateCommand).toContain('mariadb-server kcat');
    expect(config.postCreateCommand).toContain('npm ci');
  });
});
