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
 * exercise:<kata>/<exercise>); verify's rows are in exercise-rows.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

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
