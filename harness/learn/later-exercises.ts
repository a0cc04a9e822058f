/**
 * A red run reads calmly: the learner's current exercise (the first of the course, in this run,
 * with a failing test) shows its failures in full; every later exercise that fails gets ONE line
 * ("01-user 5.3 Consumer: flatten user events: not started (28 tests)") instead of a screen of
 * NotStarted errors the learner cannot act on yet. What a run counts never changes: this only
 * decides which failures the calm reporter (calm-reporter.ts) prints in full.
 */
import { curriculum } from '../../curriculum.ts';
import type { TestOutcome } from '../results/outcomes.ts';

export type LaterExercises = {
  /** the exercise shown in full, when a kata exercise failed */
  current?: { kata: string; exercise: string };
  /** the test files (repository-relative) whose failures get one line per exercise instead */
  folded: Set<string>;
  /** what to print instead (empty when nothing is folded) */
  lines: string[];
};

/** A stub's error, as outcomes.ts words it (formatFailure: the error's name first). */
export const isNotStartedMessage = (message: string) => message.startsWith('NotStarted:');

/** Course order of a kata exercise (katas in curriculum order, then exercises in kata order). */
function rank(kata: string, exercise: string): number {
  const at = curriculum.findIndex((entry) => entry.id === kata);
  const entry = curriculum[at];
  return at * 100 + (entry?.exercises.findIndex((candidate) => candidate.id === exercise) ?? 0);
}

/** "Finish exercise 5.1 first" (a suite whose table an earlier exercise creates), "Finish kata 01-user, exercise 5.3 first". */
const WAITS = /Finish (?:kata (\S+), )?exercise (\S+) first/;

/** The earlier exercise a suite's setup error waits for ('5.1', '01-user 5.3'), if that is what it says. */
export function waitsFor(message: string): string | undefined {
  const needs = WAITS.exec(message);
  return needs ? `${needs[1] ? `${needs[1]} ` : ''}${needs[2]}` : undefined;
}

/** One exercise's state in a word or two: not started, waiting for an earlier one, or how many tests fail. */
function describe(outcomes: readonly TestOutcome[]): string {
  const tests = outcomes.filter((outcome) => !outcome.setup);
  const failing = outcomes.filter((outcome) => outcome.status === 'failed');
  const count = `${tests.length} test${tests.length === 1 ? '' : 's'}`;
  const waits = failing.map((outcome) => (outcome.setup ? waitsFor(outcome.message) : undefined));
  // a stub's NotStarted, or a suite that waits for an earlier exercise (its end-to-end file, say)
  const stubbed = failing.filter((outcome, index) => isNotStartedMessage(outcome.message) || waits[index]);
  if (stubbed.length === failing.length && failing.some((outcome) => isNotStartedMessage(outcome.message))) return `not started (${count})`;
  const needs = waits.find(Boolean);
  if (needs && waits.every(Boolean)) return `waits for ${needs} (${count} not run)`;
  const failingTests = failing.filter((outcome) => !outcome.setup);
  if (failingTests.length === 0) return `its suite could not start (${count} not run)`;
  return `${failingTests.length} of ${count} ${failingTests.length === 1 ? 'fails' : 'fail'}`;
}

export function laterExercises(outcomes: readonly TestOutcome[]): LaterExercises {
  const failing = outcomes.filter((outcome) => outcome.status === 'failed' && outcome.kata && outcome.exercise);
  if (failing.length === 0) return { folded: new Set(), lines: [] };
  const first = failing.reduce((best, outcome) => (rank(outcome.kata!, outcome.exercise!) < rank(best.kata!, best.exercise!) ? outcome : best));
  const current = { kata: first.kata!, exercise: first.exercise! };
  const key = (kata: string, exercise: string) => `${kata} ${exercise}`;
  const later = [...new Set(failing.map((outcome) => key(outcome.kata!, outcome.exercise!)))]
    .filter((entry) => entry !== key(current.kata, current.exercise))
    .map((entry) => entry.split(' ') as [string, string])
    .sort(([kataA, a], [kataB, b]) => rank(kataA, a) - rank(kataB, b));
  if (later.length === 0) return { current, folded: new Set(), lines: [] };
  const folded = new Set<string>();
  const currentName = `${current.kata} ${current.exercise}`;
  const lines = [`Later exercises, one line each (their failures show in full once ${currentName} passes):`];
  for (const [kata, exercise] of later) {
    const own = outcomes.filter((outcome) => outcome.kata === kata && outcome.exercise === exercise);
    for (const outcome of own) folded.add(outcome.file);
    const title = curriculum.find((entry) => entry.id === kata)?.exercises.find((entry) => entry.id === exercise)?.title ?? '';
    lines.push(`  ${kata} ${exercise} ${title}: ${describe(own)}, comes after ${kata === current.kata ? current.exercise : currentName}`);
  }
  const [kata, exercise] = later[0]!;
  lines.push(`To see one in full now: npm test -- katas/${kata}/${exercise}`);
  return { current, folded, lines };
}
