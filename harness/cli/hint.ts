/**
 * npm run hint -- <kata> [exercise] [--reset]
 * Reveals the next hint of an exercise (1 direction -> 2 pattern -> 3 nearly there) and shows the
 * ones already revealed. Without an exercise: the first exercise of the kata that is not green.
 */
import { parseArgs, styleText } from 'node:util';
import { findExercise, findKata, UsageError } from '../learn/katas.ts';
import { resetHints, revealNext } from '../learn/hints.ts';
import { currentExercise, currentKata, kataGreen, readProgress } from '../learn/progress.ts';
import { runCli } from './run-cli.ts';

const USAGE = 'npm run hint -- <kata> [exercise] [--reset]   e.g. npm run hint -- 01-user 5.2';

runCli(USAGE, () => {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { reset: { type: 'boolean', default: false } } });
  if (positionals.length > 2) throw new UsageError(`Too many arguments: ${positionals.join(' ')}`);
  const kata = findKata(positionals[0]);
  if (values.reset) {
    resetHints(kata);
    console.log(`Hints of ${kata.id} hidden again.`);
    return;
  }
  if (kata.startsGreen) {
    console.log(`Kata ${kata.id} has nothing to solve: its test checks your environment. If it is red, run npm run doctor (it says what is missing and how to fix it). The lesson: katas/${kata.id}/README.md`);
    return;
  }
  const progress = readProgress();
  // a green kata has no "current" exercise: do not spend a hint of its first one unasked
  if (!positionals[1] && kataGreen(progress, kata)) {
    const next = currentKata(progress);
    console.log(`Kata ${kata.id} is green: no hint needed.${next ? ` Next: kata ${next.id} (npm run hint -- ${next.id} when you need one).` : ''} To reread a hint of it: npm run hint -- ${kata.id} <exercise>`);
    return;
  }
  const exercise = findExercise(kata, positionals[1] ?? currentExercise(progress, kata));
  const { shown, total, isNew } = revealNext(kata, exercise.id);
  if (total === 0) {
    console.log(`Exercise ${exercise.id} of ${kata.id} has no hints. The lesson: katas/${kata.id}/README.md`);
    return;
  }
  console.log(styleText('bold', `Kata ${kata.id}, exercise ${exercise.id}: ${exercise.title}`));
  for (const hint of shown) {
    console.log(`\n${styleText('yellow', `Hint ${hint.level} of ${total}: ${hint.title}`)}\n\n${hint.body}`);
  }
  console.log(
    '\n' +
      (shown.length < total
        ? styleText('dim', `Still stuck after trying this? Run the same command for hint ${shown.length + 1}.`)
        : styleText('dim', `${isNew ? 'That was the last hint.' : 'You have seen every hint.'} The lesson explains the why: katas/${kata.id}/README.md, "Exercise ${exercise.id}".`)),
  );
});
