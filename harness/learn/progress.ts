/**
 * Progress through the course: per suite file, how many tests passed at the latest run that
 * covered it (so a run of one file, say the end-to-end one, does not hide its exercise's other
 * files); per kata and exercise, their sum. Kept in .kata/progress.json by the progress reporter
 * and `npm start`; shown as a ladder.
 */
import { styleText } from 'node:util';
import { curriculum, type Kata } from '../../curriculum.ts';
import { exerciseOfFile, kataOfFile, suiteName, type TestOutcome } from '../results/outcomes.ts';
import { progressOfFiles, tallyFiles, type FileResult, type Progress } from '../results/tally.ts';
import { FULL_RUNS, WHILE_RED_RUNS } from '../results/property-counts.ts';
import { suiteFilesOf } from './katas.ts';
import { readState, writeState } from './state.ts';

export type { Progress };

const FILE = 'progress.json';

type Saved = { files: Record<string, FileResult> };

/** Each suite file's latest result. */
export function readFileResults(): Record<string, FileResult> {
  const saved = readState<Partial<Saved>>(FILE, {});
  // an older or damaged file is not worth an error: start over
  return typeof saved.files === 'object' && saved.files !== null ? saved.files : {};
}

/**
 * The progress from each suite file's latest result. `runningNext`: suite files the learner's
 * loop runs right after this run (an end-to-end file whose gate just opened, a pass at the
 * reduced count being confirmed): they count as not run yet, so that the ladder never calls a
 * kata green on an end-to-end verdict about to be replaced (on disk they keep their result).
 */
export function readProgress(runningNext: readonly string[] = []): Progress {
  const saved = readFileResults();
  const files = Object.fromEntries(Object.entries(saved).filter(([file]) => !runningNext.includes(file)));
  const progress = withFilesNotRun(progressOfFiles(files), files);
  for (const file of runningNext) {
    const name = suiteName(file);
    const kata = kataOfFile(file);
    const exercise = kata && exerciseOfFile(kata, file)?.id;
    if (!kata || !exercise) continue;
    // an exercise whose every file runs next has no result left: it is running, not "not run yet"
    const entry = ((progress[kata.id] ??= {})[exercise] ??= { passed: 0, total: 0 });
    entry.notRun = entry.notRun?.filter((other) => other !== name);
    if (entry.notRun?.length === 0) delete entry.notRun;
    entry.runningNow = [...(entry.runningNow ?? []), name];
    // their tests still count in the kata's total, as running (the total must not shrink while they run)
    entry.runningTests = (entry.runningTests ?? 0) + (saved[file]?.total ?? 0);
  }
  return progress;
}

const FIRST_PASS_FILE = 'first-pass.json';

/**
 * The green suites the learner's loop runs at the reduced count of property cases in the run that
 * starts now (a save touched them, and the end-to-end file runs after them in the same run:
 * loop-gate.ts). Their pass is provisional and confirmed at the full count right after. Written by
 * the sequencer before each run of the loop (empty when none), read by the workers' setup.
 */
export function writeFirstPass(files: readonly string[]): void {
  writeState(FIRST_PASS_FILE, { files });
}

export function readFirstPass(): string[] {
  const saved = readState<{ files?: unknown }>(FIRST_PASS_FILE, {});
  return Array.isArray(saved.files) ? saved.files.filter((file): file is string => typeof file === 'string') : [];
}

/** Records the files one run covered (the others keep their latest result); returns the progress. */
export function recordProgress(outcomes: readonly TestOutcome[]): Progress {
  const previous = readFileResults();
  const fresh = tallyFiles(outcomes);
  // a file whose setup failed before any test (a syntax error in the code it imports, a missing
  // table) ran none: its tests still count, as not passed (the kata's total must not shrink)
  for (const [file, result] of Object.entries(fresh)) {
    const before = previous[file];
    const ranNoTest = outcomes.every((outcome) => outcome.file !== file || outcome.setup);
    if (ranNoTest && before && before.total > result.total) fresh[file] = { ...result, passed: 0, total: before.total };
  }
  const files = { ...previous, ...fresh };
  writeState(FILE, { files } satisfies Saved);
  return withFilesNotRun(progressOfFiles(files), files);
}

/**
 * Marks, in each exercise that has results, its suite files that have none yet: an exercise
 * whose unit suites passed but whose end-to-end suite has not run is not finished.
 */
function withFilesNotRun(progress: Progress, files: Readonly<Record<string, FileResult>>): Progress {
  for (const kata of curriculum) {
    const exercises = progress[kata.id];
    if (!exercises) continue;
    for (const file of suiteFilesOf(`katas/${kata.id}`)) {
      const entry = exercises[exerciseOfFile(kata, file)?.id ?? ''];
      if (entry && !files[file]) entry.notRun = [...(entry.notRun ?? []), suiteName(file)];
    }
  }
  return progress;
}

export function exerciseGreen(progress: Progress, kata: Kata, exercise: string): boolean {
  const result = progress[kata.id]?.[exercise];
  return result !== undefined && result.total > 0 && result.passed === result.total && !result.notRun?.length && !result.runningNow?.length && !result.confirming?.length;
}

export function kataGreen(progress: Progress, kata: Kata): boolean {
  return kata.exercises.every((exercise) => exerciseGreen(progress, kata, exercise.id));
}

/** The first kata of the course that is not green yet (undefined when all are). */
export function currentKata(progress: Progress): Kata | undefined {
  return curriculum.find((kata) => !kataGreen(progress, kata));
}

/** The first exercise of the kata that is not green yet (the first one when nothing ran). */
export function currentExercise(progress: Progress, kata: Kata): string {
  return (kata.exercises.find((exercise) => !exerciseGreen(progress, kata, exercise.id)) ?? kata.exercises[0]!).id;
}

/**
 * The ladder, and the next step to take. `advice: false` (under a grader or in CI, where nobody
 * acts on it) prints the ladder as a result only.
 */
export function renderLadder(progress: Progress, options: { advice?: boolean } = {}): string {
  const current = currentKata(progress);
  const width = Math.max(...curriculum.map((kata) => kata.id.length));
  const lines = [styleText('bold', 'Your path through the course')];
  for (const kata of curriculum) {
    const results = progress[kata.id] ?? {};
    const passed = Object.values(results).reduce((sum, r) => sum + r.passed, 0);
    const total = Object.values(results).reduce((sum, r) => sum + r.total, 0);
    const green = kataGreen(progress, kata);
    const marker = green ? styleText('green', '✓') : kata === current ? styleText('yellow', '▶') : ' ';
    const exercises = kata.exercises
      .map((exercise) => {
        const result = results[exercise.id];
        const mark = !result
          ? '·'
          : result.total === 0 && result.runningNow?.length
            ? styleText('yellow', '…')
            : exerciseGreen(progress, kata, exercise.id)
            ? styleText('green', '✓')
            : result.passed === result.total && result.total > 0
              ? styleText('yellow', '…')
              : styleText('red', '✗');
        return `${exercise.id} ${mark}`;
      })
      .join('  ');
    const running = Object.values(results).reduce((sum, r) => sum + (r.runningTests ?? 0), 0);
    const count = total > 0 ? `${passed}/${total} tests${running > 0 ? ` + ${running} to run` : ''}` : running > 0 ? `${running} tests to run` : 'not run yet';
    // a kata of which only some exercises ran must not look finished
    const notRun = total === 0 ? [] : kata.exercises.flatMap((exercise) => (!results[exercise.id] ? [exercise.id] : (results[exercise.id]!.notRun ?? [])));
    const confirming = kata.exercises.flatMap((exercise) => results[exercise.id]?.confirming ?? []);
    const runningNow = kata.exercises.flatMap((exercise) => results[exercise.id]?.runningNow ?? []);
    const pending =
      (notRun.length > 0 ? styleText('dim', `   (${notRun.join(', ')} not run yet)`) : '') +
      (runningNow.length > 0 ? styleText('dim', `   (${runningNow.join(', ')} run next, on this code)`) : '') +
      (confirming.length > 0 ? styleText('dim', `   (${confirming.join(', ')} passing at ${WHILE_RED_RUNS} cases, confirming with ${FULL_RUNS})`) : '');
    lines.push(`  ${marker} ${kata.id.padEnd(width)}  ${count.padEnd(12)}  ${exercises}${pending}`);
  }
  if (!current) lines.push(styleText('green', '  Every kata is green. Well done!'));
  else if (options.advice === false) return lines.join('\n');
  else if (current.startsGreen) lines.push(`  Next: npm test -- katas/${current.id}/   (it checks your setup and should be green; if not: npm run doctor)`);
  else lines.push(`  Next: npm test -- katas/${current.id}/   (exercise ${currentExercise(progress, current)}; stuck? npm run hint -- ${current.id})`);
  return lines.join('\n');
}
