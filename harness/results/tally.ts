/**
 * Counting outcomes by exercise. A file counts each of its tests (a skipped test counts as not
 * passed); a file whose setup failed before it had any test counts as one failed test, so an
 * exercise can never look green because its suite could not even start.
 */
import type { Kata } from '../../curriculum.ts';
import { suiteName, type TestOutcome } from './outcomes.ts';

export type ExerciseResult = {
  id: string;
  title: string;
  passed: number;
  total: number;
  /** false when the run had no file of the exercise (e.g. vitest reran only what a save affected) */
  ran: boolean;
  /** every test passed, but some property ran only this many cases (the loop while red): not green until the full count passes */
  confirming?: number;
  /** suite files of the exercise with no result yet (npm start's session: the end-to-end file the loop holds back until the others pass) */
  notRun?: string[];
  firstFailure?: { file: string; test: string; message: string };
};

/** kata id -> exercise id -> counts: what .kata/progress.json and grading record */
/**
 * Per kata and exercise, the tests passed and counted; `notRun` names the exercise's suite files
 * that have no result yet (say, the end-to-end file the learner's loop still holds back);
 * `runningNow` those whose result is about to be replaced by a run that starts now, and
 * `runningTests` how many tests they had at their latest run (left out of passed and total).
 */
export type Progress = Record<string, Record<string, { passed: number; total: number; notRun?: string[]; confirming?: string[]; runningNow?: string[]; runningTests?: number }>>;

/** One test file's counts: each test, or one failed test for a file whose setup failed with none. */
export type FileResult = { kata: string; exercise: string; passed: number; total: number; reducedRuns?: number };

/** A file whose tests all passed, but whose properties ran the learner loop's reduced count: provisional. */
export function provisional(result: FileResult): boolean {
  return result.reducedRuns !== undefined && result.total > 0 && result.passed === result.total;
}

/** A file that counts as passing: every test passed, at the full count of cases. */
export function filePasses(result: FileResult | undefined): boolean {
  return result !== undefined && result.total > 0 && result.passed === result.total && result.reducedRuns === undefined;
}

/** Per suite file of a kata exercise (files outside the katas are left out). */
export function tallyFiles(outcomes: readonly TestOutcome[]): Record<string, FileResult> {
  const files: Record<string, FileResult> = {};
  for (const outcome of outcomes) {
    if (!outcome.kata || !outcome.exercise) continue;
    const entry = (files[outcome.file] ??= { kata: outcome.kata, exercise: outcome.exercise, passed: 0, total: 0 });
    if (outcome.setup) continue;
    if (outcome.reducedRuns !== undefined) entry.reducedRuns = Math.min(entry.reducedRuns ?? outcome.reducedRuns, outcome.reducedRuns);
    entry.total++;
    if (outcome.status === 'passed') entry.passed++;
  }
  for (const entry of Object.values(files)) entry.total = Math.max(1, entry.total);
  return files;
}

/** Progress from per-file counts: the sum of each exercise's files. */
export function progressOfFiles(files: Readonly<Record<string, FileResult>>): Progress {
  const progress: Progress = {};
  for (const [file, result] of Object.entries(files)) {
    const entry = ((progress[result.kata] ??= {})[result.exercise] ??= { passed: 0, total: 0 });
    entry.passed += result.passed;
    entry.total += result.total;
    if (provisional(result)) entry.confirming = [...(entry.confirming ?? []), suiteName(file)];
  }
  return progress;
}

/** One kata's exercises, in course order, from the outcomes of a run (other katas' are ignored). */
export function tallyKata(kata: Kata, outcomes: readonly TestOutcome[]): ExerciseResult[] {
  const own = outcomes.filter((outcome) => outcome.kata === kata.id).toSorted((a, b) => a.file.localeCompare(b.file));
  return kata.exercises.map((exercise) => {
    const result: ExerciseResult = { id: exercise.id, title: exercise.title, passed: 0, total: 0, ran: false };
    const mine = own.filter((outcome) => outcome.exercise === exercise.id);
    for (const file of new Set(mine.map((outcome) => outcome.file))) {
      result.ran = true;
      const inFile = mine.filter((outcome) => outcome.file === file);
      const tests = inFile.filter((outcome) => !outcome.setup);
      result.total += Math.max(1, tests.length);
      result.passed += tests.filter((outcome) => outcome.status === 'passed').length;
      const reduced = tests.flatMap((outcome) => (outcome.reducedRuns === undefined ? [] : [outcome.reducedRuns]));
      if (reduced.length > 0) result.confirming = Math.min(result.confirming ?? Infinity, ...reduced);
      // a failing test first; a setup error when that is all there is to show
      const failure = tests.find((outcome) => outcome.status === 'failed') ?? inFile.find((outcome) => outcome.setup);
      if (failure) result.firstFailure ??= { file, test: failure.name, message: failure.message };
    }
    // provisional only while every test passes: a red exercise is red, whatever its count
    if (result.passed < result.total) delete result.confirming;
    return result;
  });
}

/** The exercises a run covered, as progress records them. */
export function progressOf(results: readonly ExerciseResult[]): Record<string, { passed: number; total: number }> {
  return Object.fromEntries(results.filter((result) => result.ran).map((result) => [result.id, { passed: result.passed, total: result.total }]));
}

/** Every kata the outcomes touch, as progress. */
export function tallyProgress(katas: readonly Kata[], outcomes: readonly TestOutcome[]): Progress {
  const progress: Progress = {};
  for (const kata of katas) {
    const exercises = progressOf(tallyKata(kata, outcomes));
    if (Object.keys(exercises).length > 0) progress[kata.id] = exercises;
  }
  return progress;
}
