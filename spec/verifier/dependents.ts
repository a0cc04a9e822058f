/**
 * Which suites a catalogued mistake can change: those whose module graph (as the verifier runs
 * it, with the reference solutions in place of the stubs) reaches the file the mistake edits. A
 * suite that does not reach it runs exactly the reference's code, which the reference runs
 * already proved green; running it again for each mistake only costs time (a DDL mistake cannot
 * change what a consumer suite with a recording DAL sees, and a consumer mistake cannot change
 * the DAL's suites).
 *
 * Imports are read from the source text: static (`import ... from`, `export ... from`, bare
 * `import '...'`) and dynamic (`import('...')` with a literal path), relative paths only;
 * `import type` is left out (it is erased before the code runs).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const IMPORTS = [
  /^\s*import\s+(?!type\b)[^'"`;]*?\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/gm,
  /^\s*export\s+(?!type\b)[^'"`;]*?\bfrom\s+['"](\.{1,2}\/[^'"]+)['"]/gm,
  /^\s*import\s+['"](\.{1,2}\/[^'"]+)['"]/gm,
  /\bimport\(\s*['"`](\.{1,2}\/[^'"`$]+)['"`]\s*\)/g,
];

/** The modules a file imports at run time, as absolute paths. */
export function runtimeImports(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...new Set(IMPORTS.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => resolve(dirname(file), match[1]!))))];
}

/** As spec/redirect.ts does: a kata's module (katas/<kata>/<file>.ts) is its reference solution when there is one. */
function redirected(root: string, file: string): string {
  const parts = relative(root, file).split(sep);
  if (parts.length !== 3 || parts[0] !== 'katas' || parts[2]!.endsWith('.test.ts')) return file;
  const solution = join(root, 'spec', 'solutions', parts[1]!, parts[2]!);
  return existsSync(solution) ? solution : file;
}

/**
 * Every module running `start` (relative to root) loads, each once, start included: absolute
 * paths, through `map` (the verifier's redirection, or none). A path that does not exist is
 * yielded and not followed; node_modules are neither.
 */
export function* moduleGraph(root: string, start: string, map: (file: string) => string = (file) => file): Generator<string> {
  const seen = new Set<string>();
  const queue = [resolve(root, start)];
  while (queue.length > 0) {
    const file = map(queue.pop()!);
    if (seen.has(file) || file.includes(`${sep}node_modules${sep}`)) continue;
    seen.add(file);
    yield file;
    if (existsSync(file) && file.startsWith(root)) queue.push(...runtimeImports(file));
  }
}

/** Whether running `suite` loads `target` (both relative to root), with the reference in place of the stubs. */
export function reaches(root: string, suite: string, target: string): boolean {
  const goal = resolve(root, target);
  for (const file of moduleGraph(root, suite, (file) => redirected(root, file))) if (file === goal) return true;
  return false;
}

/** The suites (relative paths) whose run can change with a mistake in spec/solutions/<kata>/<file>. */
export function suitesReaching(root: string, suites: readonly string[], kata: string, file: string): string[] {
  const target = join('spec', 'solutions', kata, file);
  return suites.filter((suite) => reaches(root, suite, target));
}
