/**
 * npm start [-- <kata>]: the guided loop. Runs the first kata that is not green (or the one named),
 * watches it, and after every save shows where you are and what to do next. When the kata turns
 * green it moves on to the next one by itself. Ctrl-C stops (servers included).
 */
import { parseArgs, styleText } from 'node:util';
import type { TestModule, Vitest } from 'vitest/node';
import { curriculum, type Kata } from '../../curriculum.ts';
import { currentResult, guideText, isGreen, KataResults } from '../learn/guide.ts';
import { exerciseOfFile, outcomesFromModules, suiteName } from '../results/outcomes.ts';
import { afterRun, rerunAsContinuation } from '../learn/loop-gate.ts';
import { observeAndOffer, StuckTracker } from '../learn/stuck.ts';
import { findKata, UsageError } from '../learn/katas.ts';
import { currentKata, kataGreen, readProgress, recordProgress } from '../learn/progress.ts';
import { REPO_ROOT } from '../learn/state.ts';
import { runCli } from './run-cli.ts';

runCli('npm start [-- <kata>]   e.g. npm start -- 01-user', async () => {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length > 1) throw new UsageError(`npm start takes at most one kata (got ${positionals.join(' ')})`);
  let kata: Kata = positionals[0] ? findKata(positionals[0]) : (currentKata(readProgress()) ?? curriculum.at(-1)!);

  const { createVitest } = await import('vitest/node');
  let session = new KataResults(kata);
  /** shown once above the next kata's first screen, so the news of a green kata is not cleared away */
  let banner = '';
  let vitest: Vitest;
  const stuck = new StuckTracker();
  const pattern = (entry: Kata) => `katas/${entry.id}/`;

  const guide = {
    onTestRunEnd(testModules: ReadonlyArray<TestModule>) {
      const ran = testModules.filter((module) => module.moduleId.includes(`/katas/${kata.id}/`));
      if (ran.length === 0) return;
      const progress = recordProgress(outcomesFromModules(ran));
      // what runs next, in order: an end-to-end file whose gate opened, else the suites that passed
      // at the reduced count of property cases (property-runs.ts) and the green ones the save touched
      const { rerun, notes, replaced } = afterRun(ran);
      // the files about to run have no result yet: their verdict from before this save is about to be replaced
      const results = session.record(ran, replaced);
      const current = currentResult(results);
      // counted only on runs that ran the current exercise (not on the loop's reruns of other suites)
      const ranNow = current !== undefined && ran.some((module) => exerciseOfFile(kata, module.moduleId)?.id === current.id);
      const offer = observeAndOffer(stuck, kata, current, ranNow);
      const runningNext = [...rerun.map((spec) => spec.moduleId), ...replaced].map((file) => suiteName(file));
      process.stdout.write('\x1Bc' + banner + guideText(kata, results, offer, runningNext) + '\n' + notes.map((note) => styleText('dim', note) + '\n').join(''));
      banner = '';
      // an end-to-end file held back until now (loop-gate.ts) runs right away
      if (rerun.length > 0) {
        rerunAsContinuation(vitest, rerun);
        return;
      }
      if (!isGreen(results)) return;
      // the next kata that is not green: after this one first, then any earlier one left red
      const at = curriculum.indexOf(kata as (typeof curriculum)[number]);
      const next = [...curriculum.slice(at + 1), ...curriculum.slice(0, at)].find((entry) => !kataGreen(progress, entry));
      if (!next) {
        // the other katas by their latest recorded runs: say so, a later edit may have broken one
        process.stdout.write(styleText('green', `\nEvery kata of the course is green: ${kata.id} now, the others at their latest runs (npx vitest run katas/ runs them all again). Well done! (Ctrl-C to leave)\n`));
        return;
      }
      // every kata after this one is green: the next is an earlier kata that was left red
      const back = curriculum.indexOf(next as (typeof curriculum)[number]) < at;
      banner =
        `${guideText(kata, results)}\n${back ? `Back to kata ${next.id}, an earlier kata that is not green yet` : `Moving on to kata ${next.id}`}: ${next.title}. Its lesson: katas/${next.id}/README.md\n` +
        `(From now on this reruns katas/${next.id}/ only: a save in katas/${kata.id}/ runs nothing here. npm start -- ${kata.id} watches it again.)\n\n`;
      kata = next;
      session = new KataResults(next);
      // after this run has fully ended: switch the watched kata and run it
      setImmediate(async () => {
        const specifications = await vitest.globTestSpecifications([pattern(next)]);
        // vitest's own "filter by filename" key uses changeFilenamePattern (not in its typings):
        // it both reruns and makes later saves rerun only this kata
        const watcher = vitest as unknown as { changeFilenamePattern?: (filter: string, files: string[]) => Promise<void> };
        if (watcher.changeFilenamePattern) await watcher.changeFilenamePattern(pattern(next), specifications.map((s) => s.moduleId));
        else await vitest.rerunTestSpecifications(specifications);
      });
    },
  };

  vitest = await createVitest({ watch: true, root: REPO_ROOT, reporters: [guide] });
  // Ctrl-C: vitest's own handler ends the process (exit code 130); the test servers' reapers
  // (harness/servers/reaper.ts) stop them and delete their data as it goes.
  const close = () => void vitest.close().then(() => process.exit(0), () => process.exit(1));
  process.on('SIGTERM', close);
  process.stdout.write(`Starting kata ${kata.id}: ${kata.title}\n`);
  await vitest.start([pattern(kata)]);
  // keep running: vitest watches the files; the guide reporter prints after every run
  await new Promise(() => undefined);
});
