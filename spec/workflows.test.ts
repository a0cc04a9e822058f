/** The grading workflow and the dev container follow the curriculum and the template. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { curriculum } from '../curriculum.ts';

const classroom = readFileSync(new URL('../.github/workflows/classroom.yml', import.meta.url), 'utf8');

describe('.github/workflows/classroom.yml', () => {
  it('has one grader step per graded kata, with the curriculum\'s points, and reports them all', () => {
    const graded = curriculum.filter((kata) => kata.points > 0);
    for (const kata of graded) {
      const step = new RegExp(
        `id: kata-${kata.id}\\n\\s+uses: classroom-resources/autograding-command-grader@v1\\n\\s+with:\\n\\s+test-name: ${kata.id}\\n\\s+command: npx vitest run katas/${kata.id}/\\n\\s+timeout: \\d+\\n\\s+max-score: ${kata.points}\\n`,
      );
      expect(classroom, `a grader step for ${kata.id} worth ${kata.points} points`).toMatch(step);
      expect(classroom).toContain(`KATA-${kata.id.toUpperCase()}_RESULTS: "\${{ steps.kata-${kata.id}.outputs.result }}"`);
    }
    expect(classroom).toContain(`runners: ${graded.map((kata) => `kata-${kata.id}`).join(',')}`);
    expect(classroom).toContain('run: npm run grade');
  });

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
