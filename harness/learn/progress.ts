/**
 * Progress through the course: per kata and exercise, how many tests passed at the last run that
 * covered them. Kept in .kata/progress.json by the progress reporter; shown as a ladder.
 */
import { styleText } from 'node:util';
import { curriculum, type Kata } from '../../curriculum.ts';
import type { Progress } from '../results/tally.ts';
import { readState, writeState } from './state.ts';

export type { Progress };

const FILE = 'progress.json';

export function readProgress(): Progress {
  return readState<Progress>(FILE, {});
}

/** Merges the results of one run (only the exercises it ran) into the saved progress. */
export function recordProgress(results: Progress): Progress {
  const progress = readProgress();
  for (const [kata, exercises] of Object.entries(results)) progress[kata] = { ...progress[kata], ...exercises };
  writeState(FILE, progress);
  return progress;
}

export function exerciseGreen(progress: Progress, kata: Kata, exercise: string): boolean {
  const result = progress[kata.id]?.[exercise];
  return result !== undefined && result.total > 0 && result.passed === result.total;
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
        const mark = !result ? '·' : exerciseGreen(progress, kata, exercise.id) ? styleText('green', '✓') : styleText('red', '✗');
        return `${exercise.id} ${mark}`;
      })
      .join('  ');
    const count = total === 0 ? 'not run yet' : `${passed}/${total} tests`;
    // a kata of which only some exercises ran must not look finished
    const notRun = total === 0 ? [] : kata.exercises.filter((exercise) => !results[exercise.id]).map((exercise) => exercise.id);
    const pending = notRun.length > 0 ? styleText('dim', `   (${notRun.join(', ')} not run yet)`) : '';
    lines.push(`  ${marker} ${kata.id.padEnd(width)}  ${count.padEnd(12)}  ${exercises}${pending}`);
  }
  if (!current) lines.push(styleText('green', '  Every kata is green. Well done!'));
  else if (options.advice === false) return lines.join('\n');
  else if (current.startsGreen) lines.push(`  Next: npm test -- katas/${current.id}/   (it checks your setup and should be green; if not: npm run doctor)`);
  else lines.push(`  Next: npm test -- katas/${current.id}/   (exercise ${currentExercise(progress, current)}; stuck? npm run hint -- ${current.id})`);
  return lines.join('\n');
}
