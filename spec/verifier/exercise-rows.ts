/**
 * verify's rows "stubs of 5.2 only": per exercise, its tests run with only its own code stubbed
 * and every other exercise solved (exercise-stubs.ts says which code is whose), and the verdict.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Kata } from '../../curriculum.ts';
import type { VitestRun } from '../../harness/results/run-vitest.ts';
import type { BatchRun } from './batch.config.ts';
import { suitesReaching } from './dependents.ts';
import { exercisePlan } from './exercise-stubs.ts';
import { allFail, allPass, type Verdict } from './expectations.ts';
import { withinSeconds } from './time-to-verdict.ts';

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
