/**
 * The layering stays clean: no import loops, and nothing imports upwards. From the bottom:
 *   harness/events, harness/db, harness/kafka          (the shipped service's parts)
 *   harness/results, harness/grading, harness/learn    (the learner's and grader's tools)
 *   harness/cli, harness/testing                       (commands; what suites import)
 *   katas/                                             (students' code and suites)
 *   spec/                                              (maintainers only: nothing imports it)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

function sources(folder: string, files: string[] = []): string[] {
  for (const name of readdirSync(join(root, folder))) {
    const path = join(folder, name);
    if (['node_modules', '.git', '.kata', '.tools', 'fixtures'].includes(name)) continue;
    if (statSync(join(root, path)).isDirectory()) sources(path, files);
    else if (name.endsWith('.ts')) files.push(path.replaceAll('\\', '/'));
  }
  return files;
}

/** file -> the project files it imports (static and dynamic imports with a literal path). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const files = [...sources('harness'), ...sources('katas'), ...sources('spec'), 'curriculum.ts', 'vitest.config.ts'];
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const targets = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*'(\.{1,2}\/[^']+\.ts)'|\bimport\(\s*'(\.{1,2}\/[^']+\.ts)'\s*\)/gm)].map((match) =>
      normalize(relative(root, join(root, dirname(file), (match[1] ?? match[2])!))).replaceAll('\\', '/'),
    );
    graph.set(file, targets);
  }
  return graph;
}

const graph = importGraph();

/** Which layer a file is in: lower layers never import higher ones. */
function layer(file: string): number {
  if (/^harness\/(events|db|kafka|servers|not-started\.ts)/.test(file)) return 0;
  if (/^harness\/(results|grading|learn)\//.test(file)) return 1;
  if (file.startsWith('harness/')) return 2;
  if (file.startsWith('katas/')) return 3;
  if (file.startsWith('spec/')) return 4;
  return -1; // curriculum.ts, vitest.config.ts: read by every layer
}

describe('imports', () => {
  it('form no loop', () => {
    const loops: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        loops.push([...path.slice(path.indexOf(file)), file].join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of graph.keys()) visit(file, []);
    expect(loops).toEqual([]);
  });

  it('never go upwards (the bootstrap\'s kata wiring and type-only imports excepted)', () => {
    const upwards: string[] = [];
    for (const [file, targets] of graph) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const target of targets) {
        if (layer(file) < 0 || layer(target) <= layer(file)) continue;
        // a suite may use any test plumbing
        if (file.endsWith('.test.ts')) continue;
        // the service loads the students' code: that is what it is for
        if (file === 'harness/kata-wiring.ts' && target.startsWith('katas/')) continue;
        const typeOnly = new RegExp(`import type [^;]+'[^']*${target.split('/').at(-1)!.replace('.', '\\.')}'`).test(text);
        if (!typeOnly) upwards.push(`${file} imports ${target}`);
      }
    }
    expect(upwards).toEqual([]);
  });

  it('never reach spec/ from what students get', () => {
    const leaks = [...graph].flatMap(([file, targets]) => (file.startsWith('spec/') ? [] : targets.filter((t) => t.startsWith('spec/')).map((t) => `${file} imports ${t}`)));
    expect(leaks).toEqual([]);
  });
});
