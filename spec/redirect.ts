/**
 * The verifier's module redirection (a Vite plugin): when KATA_VERIFY_MODE asks for it, an import
 * of a kata's stub module (katas/<kata>/<file>.ts) loads spec/solutions/<kata>/<file>.ts instead,
 * optionally with one catalogued mistake applied. Students never set the variable; `katas/`
 * never contains a solution.
 *
 *   KATA_VERIFY_MODE=stubs (or unset)     the student's files, as they are
 *   KATA_VERIFY_MODE=reference            every kata's reference solution
 *   KATA_VERIFY_MODE=mistake:01-user/hard-delete   the reference, with that mistake in it
 *   KATA_VERIFY_MODE=mutant:02-supplier/tables.ts@/tmp/m/1.ts   the reference, with that one file
 *     read from the given path instead (a machine-made variant: npm run mutate, spec/mutation/)
 *   KATA_VERIFY_MODE=exercise:04-product/5.3   the reference, except that exercise's code: its
 *     stubs, member by member where a file mixes exercises (spec/verifier/exercise-stubs.ts)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import { applyMistake, type Mistake } from './mistake.ts';
import { exercisePlan, mixedModule, type FilePlan } from './verifier/exercise-stubs.ts';

export type VerifyMode =
  | { kind: 'stubs' }
  | { kind: 'reference' }
  | { kind: 'mistake'; kata: string; name: string }
  | { kind: 'mutant'; kata: string; file: string; source: string }
  | { kind: 'exercise'; kata: string; exercise: string };

export function parseVerifyMode(value: string | undefined): VerifyMode {
  if (!value || value === 'stubs') return { kind: 'stubs' };
  if (value === 'reference') return { kind: 'reference' };
  const match = /^mistake:([\w-]+)\/([\w-]+)$/.exec(value);
  if (match) return { kind: 'mistake', kata: match[1]!, name: match[2]! };
  const mutant = /^mutant:([\w-]+)\/([\w.-]+\.ts)@(.+)$/.exec(value);
  if (mutant) return { kind: 'mutant', kata: mutant[1]!, file: mutant[2]!, source: mutant[3]! };
  const exercise = /^exercise:([\w-]+)\/([\w.-]+)$/.exec(value);
  if (exercise) return { kind: 'exercise', kata: exercise[1]!, exercise: exercise[2]! };
  throw new Error(`KATA_VERIFY_MODE must be stubs, reference, mistake:<kata>/<name>, mutant:<kata>/<file>@<path> or exercise:<kata>/<exercise> (got "${value}")`);
}

/** Whether the verification mode can change how this module is transformed (what it is, or what its imports resolve to). */
export function modeCanChange(root: string, id: string, sourceCode: string): boolean {
  const path = repoPath(root, id);
  return path.startsWith('katas/') || path.startsWith('spec/') || sourceCode.includes('katas/');
}

/** A module id as a path from the repository's root, with forward slashes. */
function repoPath(root: string, id: string): string {
  return relative(root, id.replace(/[?#].*$/, '')).split(sep).join('/');
}

export function kataRedirect(root: string, modeValue = process.env.KATA_VERIFY_MODE): Plugin {
  const mode = parseVerifyMode(modeValue);
  let mistake: { path: string; definition: Mistake } | undefined;

  const mistakeFile = mode.kind === 'mistake' ? join(root, 'spec', 'mistakes', mode.kata, mode.name, 'mistake.ts') : undefined;
  // exercise mode: how each of the kata's modules loads; a mixed one is a generated module of its own
  const plan: Map<string, FilePlan> = mode.kind === 'exercise' ? exercisePlan(root, mode.kata, mode.exercise) : new Map();
  const MIXED = '\0kata-exercise:';
  // a mixed module imports the stub as `<stub>?kata-stub`: an id of its own, which no resolution
  // can send back to the mixed module (a run that reuses vitest's cached transforms resolves the
  // mixed module's imports again, as paths from the root and with its id written another way)
  const STUB = '?kata-stub';

  return {
    name: 'kata-redirect',
    enforce: 'pre',
    // vitest caches transformed modules on disk, resolved imports included: a module the mode can
    // change (a kata module, a solution, anything importing a kata module) needs the mode in its
    // cache key, or a run would reuse another mode's modules. Its imports resolve one way on the
    // stubs and another with the reference (a mistake is the reference with one file loaded
    // differently): two keys, plus the mistake's hash for its own kata's solutions. Every other
    // module (the harness, mysql2, fast-check) keeps vitest's own key. So ~130 verification runs
    // transform each module a few times, not once each.
    configureVitest({ defineCacheKeyGenerator }) {
      const mistakeHash = mistakeFile && existsSync(mistakeFile) ? createHash('sha1').update(readFileSync(mistakeFile)).digest('hex') : '';
      const resolution = mode.kind === 'stubs' ? 'kata-verify:stubs' : mode.kind === 'exercise' ? `kata-verify:exercise:${mode.kata}/${mode.exercise}` : 'kata-verify:reference';
      const editedFolder = mode.kind === 'mistake' ? `spec/solutions/${mode.kata}/` : undefined;
      // a mutant changes one file only: its content (read from elsewhere) is that file's key
      const mutantFile = mode.kind === 'mutant' ? `spec/solutions/${mode.kata}/${mode.file}` : undefined;
      const mutantHash = mode.kind === 'mutant' && existsSync(mode.source) ? createHash('sha1').update(readFileSync(mode.source)).digest('hex') : '';
      defineCacheKeyGenerator(({ id, sourceCode }) => {
        if (!modeCanChange(root, id, sourceCode)) return undefined;
        if (mutantFile && repoPath(root, id) === mutantFile) return `${resolution}:mutant:${mutantHash}`;
        return editedFolder && repoPath(root, id).startsWith(editedFolder) ? `${resolution}:mistake:${mistakeHash}` : resolution;
      });
    },
    async buildStart() {
      if (mode.kind !== 'mistake') return;
      const file = mistakeFile!;
      if (!existsSync(file)) throw new Error(`No mistake at ${relative(root, file)}`);
      const definition = (await import(file)).default as Mistake;
      mistake = { path: join(root, 'spec', 'solutions', mode.kata, definition.file), definition };
    },
    async resolveId(source, importer, options) {
      if (mode.kind === 'stubs' || !importer) return null;
      if (mode.kind === 'exercise' && source.endsWith(STUB)) {
        // as written (an absolute path), or as vitest's cached transform has it: from the root ('/katas/...')
        const path = source.slice(0, -STUB.length);
        return (existsSync(path) ? path : join(root, path)) + STUB;
      }
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || resolved.external) return null;
      const parts = relative(root, resolved.id).split(sep);
      if (parts.length !== 3 || parts[0] !== 'katas' || parts[2]!.endsWith('.test.ts')) return null;
      if (mode.kind === 'exercise' && parts[1] === mode.kata) {
        const how = plan.get(parts[2]!);
        if (how?.kind === 'stub') return null;
        if (how?.kind === 'mixed') return `${MIXED}${mode.kata}/${parts[2]}`;
      }
      const solution = join(root, 'spec', 'solutions', parts[1]!, parts[2]!);
      return existsSync(solution) ? solution : null;
    },
    load(id) {
      if (id.startsWith(MIXED) && mode.kind === 'exercise') {
        const file = id.slice(id.lastIndexOf('/') + 1);
        const how = plan.get(file);
        if (how?.kind !== 'mixed') return null;
        return mixedModule(join(root, 'spec', 'solutions', mode.kata, file), join(root, 'katas', mode.kata, file) + STUB, how.members);
      }
      if (mode.kind === 'mutant') return id === join(root, 'spec', 'solutions', mode.kata, mode.file) ? readFileSync(mode.source, 'utf8') : null;
      if (!mistake || id !== mistake.path) return null;
      const source = readFileSync(id, 'utf8');
      const where = `spec/mistakes/${mode.kind === 'mistake' ? `${mode.kata}/${mode.name}` : ''}`;
      return applyMistake(source, mistake.definition, where);
    },
  };
}
