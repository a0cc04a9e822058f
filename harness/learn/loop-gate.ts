/**
 * The learner's loop runs the end-to-end suite only once it can teach something: a kata's
 * `*.e2e.test.ts` file waits until every other suite of its kata passed at its latest run (until
 * then it would only repeat their failures, and pay Kafka's group join on every save). In a run
 * that includes those suites it always waits for their verdict in this run: when they pass, the
 * end-to-end file runs right after, by itself; when a save breaks them, their failure shows
 * first and the end-to-end file does not run.
 *
 * Only in the learner's loop (`npm test` / `npm start`: vitest's watch mode): a `vitest run`,
 * grading and `npm run verify` always run every suite. A run that selects the
 * end-to-end file alone (`npm test -- katas/01-user/5.3-consumer.e2e`) runs it too.
 *
 * Also: the current exercise's files go first.
 */
import { basename, dirname, relative } from 'node:path';
import type { TestModule, TestSpecification, Vitest } from 'vitest/node';
import { BaseSequencer } from 'vitest/node';
import { exerciseOfFile, kataOfFile } from '../results/outcomes.ts';
import { filePasses, provisional, tallyFiles, type FileResult } from '../results/tally.ts';
import { outcomesFromModules } from '../results/outcomes.ts';
import { suiteFilesOf } from './katas.ts';
import { currentExercise, readFileResults, readProgress } from './progress.ts';
import { REPO_ROOT } from './state.ts';

const END_TO_END = '.e2e.test.ts';

/** Watch mode is the learner's loop; grading, verify and CI use `vitest run`. */
export function inLearnerLoop(vitest: Pick<Vitest, 'config'>): boolean {
  return Boolean(vitest.config.watch);
}

const relativeFile = (moduleId: string) => relative(REPO_ROOT, moduleId).replaceAll('\\', '/');
const isEndToEnd = (file: string) => file.endsWith(END_TO_END);

/** The other suites of an end-to-end file's kata (its folder's *.test.ts files). */
function prerequisites(e2eFile: string): string[] {
  return suiteFilesOf(dirname(e2eFile)).filter((file) => !isEndToEnd(file));
}

/** The suites an end-to-end file still waits for, by their latest recorded result (empty: it may run). */
export function waitingFor(e2eFile: string, results: Record<string, FileResult> = readFileResults()): string[] {
  // a suite that passed at the loop's reduced count of property cases is still waiting for its confirmation
  return prerequisites(e2eFile).filter((file) => !filePasses(results[file]));
}

/**
 * Held back in the current watch session, to be run once their gate opens. On globalThis: vitest
 * loads the sequencer through its bundled config and the reporter on its own, so each has its own
 * copy of this module; both must see the same map.
 */
const heldBack = ((globalThis as Record<symbol, unknown>)[Symbol.for('kafka-mysql-katas:held-back')] ??= new Map()) as Map<string, TestSpecification>;

export class LearnerSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    if (!inLearnerLoop(this.ctx)) return sorted;
    const selected = sorted.map((spec) => relativeFile(spec.moduleId));
    const kept = sorted.filter((spec) => {
      const file = relativeFile(spec.moduleId);
      if (!isEndToEnd(file)) return true;
      const others = prerequisites(file);
      // selected alone (no other suite of its kata in this run): the learner asked for it
      if (!others.some((other) => selected.includes(other))) return true;
      // otherwise it waits for this run's verdict on them, even if they passed before: a save that
      // breaks them must show their failure first, not after a Kafka round trip
      heldBack.set(file, spec);
      return false;
    });
    // the current exercise first: its verdict is the one the learner waits for
    const progress = readProgress();
    const isCurrent = (spec: TestSpecification) => {
      const kata = kataOfFile(spec.moduleId);
      return kata !== undefined && exerciseOfFile(kata, spec.moduleId)?.id === currentExercise(progress, kata);
    };
    return [...kept.filter(isCurrent), ...kept.filter((spec) => !isCurrent(spec))];
  }
}

/**
 * After a run has been recorded (progress.ts): the held-back end-to-end files whose gate is now
 * open (the caller reruns them), and a line for the learner about those that still wait.
 */
export function afterRun(): { rerun: TestSpecification[]; notes: string[] } {
  const results = readFileResults();
  const rerun: TestSpecification[] = [];
  const notes: string[] = [];
  for (const [file, spec] of heldBack) {
    const waiting = waitingFor(file, results);
    if (waiting.length === 0) {
      heldBack.delete(file);
      rerun.push(spec);
    } else {
      notes.push(`${basename(file)} waits until ${waiting.map((suite) => basename(suite)).join(', ')} pass${waiting.length === 1 ? 'es' : ''} (the end-to-end test can teach nothing before).`);
    }
  }
  return { rerun, notes };
}

/**
 * The files of this run that passed at the learner loop's reduced count of property cases
 * (property-runs.ts): the caller reruns them at once; their rerun runs the full count (their
 * latest result passed), and only its verdict turns them green.
 */
export function confirmations(testModules: ReadonlyArray<TestModule>): TestSpecification[] {
  return testModules
    .filter((module) => {
      const result = Object.values(tallyFiles(outcomesFromModules([module])))[0];
      return result !== undefined && provisional(result);
    })
    .map((module) => module.project.createSpecification(module.moduleId));
}
