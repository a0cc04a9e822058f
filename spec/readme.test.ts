/** The README's path table lists the curriculum's katas, in order, each linking its lesson. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { curriculum } from '../curriculum.ts';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README.md, "The path"', () => {
  it('has one row per kata of curriculum.ts, in course order, linking an existing lesson', () => {
    const section = readme.slice(readme.indexOf('## The path'), readme.indexOf('\n## ', readme.indexOf('## The path') + 1));
    const rows = [...section.matchAll(/^\| \[([^\]]+)\]\((katas\/[^)]+)\) \|/gm)].map((match) => ({ id: match[1], link: match[2]! }));
    expect(rows.map((row) => row.id)).toEqual(curriculum.map((kata) => kata.id));
    for (const row of rows) {
      expect(row.link).toBe(`katas/${row.id}/README.md`);
      expect(existsSync(new URL(`../${row.link}`, import.meta.url)), row.link).toBe(true);
    }
  });
});
