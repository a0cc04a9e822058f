/**
 * "No test passes for free", exercise by exercise: each exercise's tests must be red with ONLY
 * that exercise's code stubbed and every other exercise solved (the reference). The stubs row of
 * verify proves a kata red with every stub at once, where an exercise's tests may fail for an
 * earlier exercise's stub (5.2's suite needs 5.1's table) and so never prove that they can fail
 * on their own exercise's stub: with 5.1 and 5.2 done and replaceVariants (5.3) a stub, a test of
 * 5.3 that passes anyway would be counted by grading.
 *
 * Which code belongs to which exercise is read from the stubs themselves: each stubbed member
 * throws `notImplemented('<kata>', '<exercise>', '<Class.member>')`; a stub without one (tables.ts)
 * belongs to the exercise its doc comment names first ("Exercise 5.1 (DDL)"). A file whose stubbed
 * members all belong to the exercise is loaded as the stub; a file that mixes exercises (kata 04's
 * and 07's DAL: 5.2 and 5.3) becomes a module of its own (mixedModule): the reference, with the
 * exercise's members taken from the stub. spec/redirect.ts loads it (KATA_VERIFY_MODE=
 * exercise:<kata>/<exercise>).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kata } from '../../curriculum.ts';
import type { VitestRun } from '../../harness/results/run-vitest.ts';
import type { BatchRun } from './batch.config.ts';
import { suitesReaching } from './dependents.ts';
import { allFail, allPass, type Verdict } from './expectations.ts';
import { withinSeconds } from './time-to-verdict.ts';

/** One stubbed member: `notImplemented('04-product', '5.3', 'ProductDAL.replaceVariants')`. */
export type StubbedMember = { exercise: string; what: string };

const NOT_IMPLEMENTED = /\bnotImplemented\(\s*'([^']+)',\s*'([^']+)',\s*'([^']+)'\s*\)/g;

export function stubbedMembers(source: string): StubbedMember[] {
  return [...source.matchAll(NOT_IMPLEMENTED)].map((match) => ({ exercise: match[2]!, what: match[3]! }));
}

/** The exercises a stub file holds code of: its stubbed members', or the one its doc comment names first. */
export function exercisesOfStub(source: string, file = 'the stub'): string[] {
  const members = stubbedMembers(source);
  if (members.length > 0) return [...new Set(members.map((member) => member.exercise))];
  const named = /\bExercises?\s+(\d+\.\d+)/.exec(source);
  if (!named) throw new Error(`${file} throws no notImplemented(...) and its doc comment names no exercise: which exercise is it?`);
  return [named[1]!];
}

/** How one stub module of the kata is loaded when only `exercise` is stubbed. */
export type FilePlan = { kind: 'stub' } | { kind: 'reference' } | { kind: 'mixed'; members: string[] };

/** The kata's stub modules (katas/<kata>/*.ts, not the suites). */
function stubFiles(root: string, kata: string): string[] {
  return readdirSync(join(root, 'katas', kata)).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts')).sort();
}

/** Per stub module of the kata (by file name): the stub, the reference, or the reference with the exercise's members stubbed. */
export function exercisePlan(root: string, kata: string, exercise: string): Map<string, FilePlan> {
  const plan = new Map<string, FilePlan>();
  for (const file of stubFiles(root, kata)) {
    const source = readFileSync(join(root, 'katas', kata, file), 'utf8');
    const exercises = exercisesOfStub(source, `katas/${kata}/${file}`);
    if (!exercises.includes(exercise)) plan.set(file, { kind: 'reference' });
    else if (exercises.length === 1) plan.set(file, { kind: 'stub' });
    else plan.set(file, { kind: 'mixed', members: stubbedMembers(source).filter((member) => member.exercise === exercise).map((member) => member.what) });
  }
  return plan;
}

/**
 * The source of a module that is the reference with `members` ('Class.method', or an exported
 * name) taken from the stub. The reference's classes are extended, not changed: the reference
 * module stays the reference for whoever imports it directly (another solution file).
 */
export function mixedModule(referencePath: string, stubPath: string, members: readonly string[]): string {
  const lines = [`import * as reference from ${JSON.stringify(referencePath)};`, `import * as stub from ${JSON.stringify(stubPath)};`, `export * from ${JSON.stringify(referencePath)};`];
  const classes = new Map<string, string[]>();
  for (const member of members) {
    const [owner, name] = member.includes('.') ? (member.split('.', 2) as [string, string]) : [undefined, member];
    if (owner) classes.set(owner, [...(classes.get(owner) ?? []), name]);
    else lines.push(`export const ${name} = stub.${name};`);
  }
  for (const [owner, names] of classes) {
    lines.push(`export class ${owner} extends reference.${owner} {}`);
    for (const name of names) {
      lines.push(`Object.defineProperty(${owner}.prototype, ${JSON.stringify(name)}, Object.getOwnPropertyDescriptor(stub.${owner}.prototype, ${JSON.stringify(name)}));`);
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * Only `exercise` stubbed: its own tests all fail, each on its own (no suite failed in its setup),
 * the earlier exercises' tests all pass (they must not need its code), and none of them waits on
 * a timeout to say so.
 */
export function exerciseStubVerdict(run: VitestRun, exercise: string): Verdict {
  const mine = (file: string) => run.outcomes.find((outcome) => outcome.file === file)?.exercise === exercise;
  const ownRun: VitestRun = { ...run, outcomes: run.outcomes.filter((outcome) => outcome.exercise === exercise), files: run.files.filter((file) => mine(file.file)) };
  const earlierRun: VitestRun = { ...run, outcomes: run.outcomes.filter((outcome) => outcome.exercise !== exercise), files: run.files.filter((file) => !mine(file.file)) };
  const own = allFail(ownRun);
  // a suite that failed before its tests (a module that did not load, a missing table) proves
  // nothing about the stub: with the earlier exercises solved, each test must meet the stub itself
  const setupFailures = ownRun.outcomes.filter((outcome) => outcome.setup);
  const earlier = earlierRun.files.length > 0 ? allPass(earlierRun) : undefined;
  const verdict: Verdict = {
    ok: own.ok && setupFailures.length === 0 && (earlier?.ok ?? true),
    got: `${exercise}: ${own.got}${setupFailures.length > 0 ? `, ${setupFailures.length} suite(s) failed before their tests` : ''}${earlier ? ` · earlier: ${earlier.got}` : ''}`,
    details: [
      ...own.details.map((line) => line.replace('passes on the stubs', `passes with only ${exercise} stubbed`)),
      ...setupFailures.map((outcome) => `${outcome.file} failed before its tests, with only ${exercise} stubbed: ${outcome.message.split('\n')[0]?.slice(0, 200)}`),
      ...(earlier?.details ?? []).map((line) => `earlier exercise, with ${exercise} stubbed: ${line}`),
    ],
  };
  return withinSeconds(verdict, run);
}

export type ExerciseStubRow = { name: string; expected: string; run: BatchRun; verdict: (run: VitestRun) => Verdict };

/**
 * verify's rows for a kata: per exercise, its suites (the end-to-end one left out: the stubs row
 * proves it red, and its Kafka round trip would cost seconds per row) and the earlier exercises'
 * suites that load a module it stubs, run with only its code stubbed.
 */
export function exerciseStubRows(root: string, kata: Kata, suites: readonly string[]): ExerciseStubRow[] {
  return kata.exercises.map((exercise, index) => {
    const earlier = new Set(kata.exercises.slice(0, index).map((entry) => entry.id));
    const ofExercise = (id: string | undefined) => (suite: string) => suite.slice(suite.lastIndexOf('/') + 1).startsWith(`${id}-`);
    const own = suites.filter(ofExercise(exercise.id));
    const stubbed = [...exercisePlan(root, kata.id, exercise.id)].filter(([, plan]) => plan.kind !== 'reference').map(([file]) => file);
    const candidates = suites.filter((suite) => [...earlier].some((id) => ofExercise(id)(suite)));
    const reaching = new Set(stubbed.flatMap((file) => (existsSync(join(root, 'spec', 'solutions', kata.id, file)) ? suitesReaching(root, candidates, kata.id, file) : [])));
    return {
      name: `stubs of ${exercise.id} only`,
      expected: `${exercise.id} all fail${reaching.size > 0 ? ', earlier pass' : ''}`,
      run: { name: `${kata.id} stubs of ${exercise.id}`, mode: `exercise:${kata.id}/${exercise.id}`, include: [...candidates.filter((suite) => reaching.has(suite)), ...own], env: { TZ: 'UTC', KATA_PROPERTY_SHRINK: 'off' } },
      verdict: (run) => exerciseStubVerdict(run, exercise.id),
    };
  });
}
