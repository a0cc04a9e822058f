/** The workflows pin their actions; the dev container installs the local path. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const classroom = readFileSync(new URL('../.github/workflows/classroom.yml', import.meta.url), 'utf8');

describe('.github/workflows/classroom.yml (generated: see harness/grading/grading.test.ts)', () => {
  it('pins every action to a version', () => {
    const uses = [...classroom.matchAll(/uses: (\S+)/g)].map((match) => match[1]!);
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/@v\d+(\.\d+)*$/);
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
