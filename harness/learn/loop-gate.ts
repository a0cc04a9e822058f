/**
 * The learner's loop runs the end-to-end suite only once it can teach something: a kata's
 * `*.e2e.test.ts` file waits until every other suite of its kata passed at its latest run (until
 * then it would only repeat their failures, and pay a Kafka round trip on every save). A pass at
 * the loop's reduced count of property cases (property-runs.ts) counts here: the confirmation at
 * the full count still comes, right after the end-to-end verdict.
 *
 * Once the gate is open, the end-to-end verdict is the one the learner waits for (their unit
 * suites pass; the kata is done when the end-to-end test passes too), about a second after the
 * save, right after the kata's unit suites the save touched. A save of the consumer: its suite (a
 * fraction of a second: it names a handler's mistake that the end-to-end run would only show,
 * slowly), then the end-to-end file in a run of its own. A save of a file other exercises test
 * too (the DAL, the tables): one run of their suites at the reduced count of cases, then the
 * end-to-end file; a DAL mistake is named by the DAL's own suite, above the end-to-end failure
 * (which belongs to the consumer's exercise). Their confirmation at the full count follows right
 * after (the ladder says "confirming" until then). While the gate is closed, a run that includes
 * the unit suites holds the end-to-end file back until their verdict in this run: when they pass,
 * it runs right after, by itself; when the save broke them, their failure shows and it does not run.
 *
 * Only in the learner's loop (`npm test` / `npm start`: vitest's watch mode): a `vitest run`,
 * grading and `npm run verify` always run every suite. A run that selects the
 * end-to-end file alone (`npm test -- katas/01-user/5.3-consumer.e2e`) runs it too.
 *
 * Also: the current exercise's files go first, and alone. When a save reruns the current
 * exercise's suites together with suites of exercises that were green (a DAL file that holds
 * exercises 5.2 and 5.3), those wait for the current verdict and run right after it: the learner
 * sees the verdict they wait for in a second, not after every affected suite at the full count.
 * (They do run, red or green verdict: the save may have broken them, an earlier exercise's
 * included. The reporter keeps the current verdict on the screen above their run.)
 */
import { basename, dirname, relative } from 'node:path';
import type { TestModule, TestSpecification, Vitest } from 'vitest/node';
import { BaseSequencer } from 'vitest/node';
import { exerciseOfFile, kataOfFile, outcomesFromModules } from '../results/outcomes.ts';
import { filePasses, provisional, tallyFiles, type FileResult } from '../results/tally.ts';
import type { Kata } from '../../curriculum.ts';
import { suiteFilesOf } from './katas.ts';
import { currentExercise, exerciseGreen, readFileResults, readProgress, writeFirstPass } from './progress.ts';
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

/**
 * The suites an end-to-end file still waits for, by their latest recorded result (empty: it may
 * run). A pass at the loop's reduced count of cases opens the gate too: its confirmation runs
 * right after the end-to-end file.
 */
export function waitingFor(e2eFile: string, results: Record<string, FileResult> = readFileResults()): string[] {
  return prerequisites(e2eFile).filter((file) => {
    const result = results[file];
    return !filePasses(result) && !(result !== undefined && provisional(result));
  });
}

/**
 * Held back in the current watch session, to be run once their gate opens. On globalThis: vitest
 * loads the sequencer through its bundled config and the reporter on its own, so each has its own
 * copy of this module; both must see the same map.
 */
const heldBack = ((globalThis as Record<symbol, unknown>)[Symbol.for('kafka-mysql-katas:held-back')] ??= new Map()) as Map<string, TestSpecification>;
/** Suites of green exercises that wait for the current exercise's verdict (same sharing as above). */
const afterCurrent = ((globalThis as Record<symbol, unknown>)[Symbol.for('kafka-mysql-katas:after-current')] ??= new Map()) as Map<string, TestSpecification>;

/** Forgets what the session holds back and what waits (a test's fresh start). */
export function resetLoopGate(): void {
  heldBack.clear();
  afterCurrent.clear();
  chained.next = false;
  queued.specs.length = 0;
  queued.scheduled = false;
}

/**
 * The loop's own reruns (a confirmation, the end-to-end file, the suites that waited) continue the
 * run before them: the learner reporter does not clear the screen for them, so a failure shown
 * just before stays in view. Set by rerunAsContinuation as soon as the rerun is decided; read (and
 * reset) by the reporter when the rerun starts. Shared on globalThis as the maps above.
 */
const chained = ((globalThis as Record<symbol, unknown>)[Symbol.for('kafka-mysql-katas:chained-rerun')] ??= { next: false }) as { next: boolean };

/** The files the loop's next rerun of its own takes (several runs may add to it before it starts). Shared on globalThis as the maps above. */
const queued = ((globalThis as Record<symbol, unknown>)[Symbol.for('kafka-mysql-katas:queued-rerun')] ??= { specs: [], scheduled: false }) as {
  specs: TestSpecification[];
  scheduled: boolean;
};

/** The parts of vitest's watch-mode machinery the loop's rerun waits on (not in vitest's public types). */
type WatchMachinery = Pick<Vitest, 'rerunTestSpecifications'> & {
  runningPromise?: Promise<unknown>;
  watcher?: { changedTests: Set<string> };
  /** `npm start` and `npm test -- katas/X/` set it: a save's run keeps only the files it matches */
  filenamePattern?: string[];
  globTestSpecifications?: (filters?: string[]) => Promise<{ moduleId: string }[]>;
};

/** How long a save's run may take to start once it is due (vitest waits 100 ms after a change). */
const SAVE_RUN_GRACE_MS = 300;

/**
 * Whether vitest's watcher holds changed files that a save's run will take: it keeps only those
 * its filename pattern matches, and leaves the others in the set when none is left.
 */
async function saveRunDue(vitest: WatchMachinery): Promise<boolean> {
  const changed = [...(vitest.watcher?.changedTests ?? [])];
  if (changed.length === 0) return false;
  if (!vitest.filenamePattern || !vitest.globTestSpecifications) return true;
  const matching = new Set((await vitest.globTestSpecifications(vitest.filenamePattern)).map((spec) => spec.moduleId));
  return changed.some((file) => matching.has(file));
}

/**
 * Reruns these files, once the run that just ended is fully over, as its continuation (see
 * `chained`). Called from a reporter's onTestRunEnd: the flag is set at once, so that the
 * reporter's "Waiting for file changes" after this run is not printed (the loop is not waiting).
 *
 * A save that landed meanwhile is not raced: vitest starts a save's run 100 ms after the run
 * before it ended, and a rerun of the loop's own started in between ran beside it (their events
 * interleaved on the screen: PASS printed early, a file counted twice in a summary). When a save's
 * run is due, the loop's files join it (the sequencer orders them as for any save); when one is
 * already running, the loop's rerun waits for it to end, and takes what that run adds too.
 */
export function rerunAsContinuation(vitest: WatchMachinery, specs: TestSpecification[]): void {
  chained.next = true;
  for (const spec of specs) {
    if (!queued.specs.some((other) => other.moduleId === spec.moduleId && other.project.name === spec.project.name)) queued.specs.push(spec);
  }
  if (queued.scheduled) return;
  queued.scheduled = true;
  setImmediate(() => void startQueuedRerun(vitest));
}

async function startQueuedRerun(vitest: WatchMachinery): Promise<void> {
  // a save's run that started first: the loop's rerun follows it
  while (vitest.runningPromise) await vitest.runningPromise.catch(() => undefined);
  queued.scheduled = false;
  const specs = queued.specs.splice(0);
  if (specs.length === 0) return;
  const changed = vitest.watcher?.changedTests;
  if (changed && (await saveRunDue(vitest))) {
    // a save's run is due (vitest's watcher holds its files for 100 ms): it takes these files too
    chained.next = false;
    const added = specs.filter((spec) => !changed.has(spec.moduleId));
    for (const spec of added) changed.add(spec.moduleId);
    // should no run take them after all, the loop runs them itself
    const check = () => {
      if (!added.some((spec) => changed.has(spec.moduleId))) return;
      if (vitest.runningPromise) return void setTimeout(check, SAVE_RUN_GRACE_MS).unref();
      for (const spec of added) changed.delete(spec.moduleId);
      chained.next = true;
      void vitest.rerunTestSpecifications(added);
    };
    setTimeout(check, SAVE_RUN_GRACE_MS).unref();
    return;
  }
  await vitest.rerunTestSpecifications(specs);
}

/**
 * Whether the loop goes on with a rerun of its own right after this run, or has suites waiting to
 * run (a save-triggered run can race the loop's continuation: "Waiting for file changes" would
 * then be printed with suites still to come, and PASS while one of them is red).
 */
export function continuationPending(): boolean {
  return chained.next || afterCurrent.size > 0;
}

/**
 * Whether the rerun that starts now continues the previous run (and forgets it: once per rerun).
 * `trigger` is vitest's: a save's run names the saved file, the loop's own rerun is "rerun test";
 * a save's run that starts while the loop's rerun waits for it is no continuation.
 */
export function takeContinuation(trigger?: string): boolean {
  if (trigger !== undefined && trigger !== LOOP_RERUN_TRIGGER) return false;
  const value = chained.next;
  chained.next = false;
  return value;
}

/** The trigger vitest names for rerunTestSpecifications (the loop's own reruns). */
const LOOP_RERUN_TRIGGER = 'rerun test';

export class LearnerSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    if (!inLearnerLoop(this.ctx)) return sorted;
    const selected = sorted.map((spec) => relativeFile(spec.moduleId));
    const results = readFileResults();
    // end-to-end files whose gate is open: their verdict first, alone; their kata's unit suites right after
    const first: TestSpecification[] = [];
    const kept = sorted.filter((spec) => {
      const file = relativeFile(spec.moduleId);
      if (!isEndToEnd(file)) return true;
      const others = prerequisites(file);
      // selected alone (no other suite of its kata in this run): the learner asked for it
      if (!others.some((other) => selected.includes(other))) return true;
      if (waitingFor(file, results).length === 0) {
        heldBack.delete(file);
        first.push(spec);
        return false;
      }
      // otherwise it waits for this run's verdict on them: a save that fixes them opens the gate,
      // a save that breaks them shows their failure, not a Kafka round trip
      heldBack.set(file, spec);
      return false;
    });
    if (first.length > 0) {
      // the kata's unit suites the save touched go before the end-to-end file: its own exercise's
      // (the consumer's) as they are, the others' at the reduced count of cases (property-runs.ts),
      // confirmed at the full count after the end-to-end verdict. A mistake in them is named by
      // their own suite, not only by the end-to-end test (which belongs to the consumer's exercise)
      const before: TestSpecification[] = [];
      const firstPass: string[] = [];
      const ready: TestSpecification[] = [];
      for (const e2e of first) {
        const file = relativeFile(e2e.moduleId);
        const where = exerciseOf(e2e);
        const mine = kept.filter((spec) => exerciseOf(spec)?.kata === where?.kata);
        if (mine.length === 0) {
          ready.push(e2e);
          continue;
        }
        const own = mine.filter((spec) => exerciseOf(spec)?.exercise === where?.exercise);
        const others = mine.filter((spec) => !own.includes(spec));
        if (others.length === 0) {
          // a save of the consumer: its suite (a fraction of a second), then the end-to-end file by itself
          before.push(...own);
          heldBack.set(file, e2e);
          continue;
        }
        // a save of a file other exercises test too (the DAL, the tables): in this one run, their
        // suites at the reduced count, then the end-to-end file (about half a second later than
        // after the consumer's suite alone); a DAL mistake's own failure prints above the
        // end-to-end one. Their confirmation at the full count follows.
        before.push(...own, ...others, e2e);
        firstPass.push(...others.filter((spec) => filePasses(results[relativeFile(spec.moduleId)])).map((spec) => relativeFile(spec.moduleId)));
      }
      writeFirstPass(firstPass);
      return [...before, ...ready, ...kept.filter((spec) => !before.includes(spec))];
    }
    writeFirstPass([]);
    return currentFirst(kept);
  }
}

/** The kata and exercise a suite file belongs to (undefined outside the katas). */
function exerciseOf(spec: TestSpecification): { kata: Kata; exercise: string | undefined } | undefined {
  const kata = kataOfFile(spec.moduleId);
  return kata && { kata, exercise: exerciseOfFile(kata, spec.moduleId)?.id };
}

/**
 * The current exercise's files first: its verdict is the one the learner waits for. The suites of
 * exercises that were green wait until it is in (afterCurrent, run by afterRun); the rest run
 * along. Used by the sequencer and by afterRun, so that a rerun the loop asks for is the run
 * vitest makes (vitest's summary counts every file it was given, run or not).
 */
function currentFirst(specs: TestSpecification[]): TestSpecification[] {
  const progress = readProgress();
  const isCurrent = (spec: TestSpecification) => {
    const where = exerciseOf(spec);
    return where !== undefined && where.exercise === currentExercise(progress, where.kata);
  };
  const current = specs.filter(isCurrent);
  const waitForCurrent = (spec: TestSpecification) => {
    const where = exerciseOf(spec);
    return (
      where?.exercise !== undefined &&
      exerciseGreen(progress, where.kata, where.exercise) &&
      current.some((candidate) => exerciseOf(candidate)?.kata === where.kata)
    );
  };
  const others = specs.filter((spec) => !isCurrent(spec));
  for (const spec of others.filter(waitForCurrent)) afterCurrent.set(relativeFile(spec.moduleId), spec);
  return [...current, ...others.filter((spec) => !waitForCurrent(spec))];
}

/**
 * After a run has been recorded (progress.ts): what the caller reruns now, in order, and a line
 * for the learner about the end-to-end files that still wait for red suites. The rerun holds the
 * end-to-end files whose gate opened, alone; or, when none did, the suites that passed at the
 * reduced count of cases (`confirming`, at the full count now) and the suites of green exercises
 * that waited for the verdict just in (`afterCurrent`). Files an end-to-end file goes before wait
 * for its verdict: the caller gets them after the next run.
 */
export function afterRun(testModules: ReadonlyArray<TestModule>): {
  rerun: TestSpecification[];
  notes: string[];
  endToEnd: string[];
  afterCurrent: string[];
  confirming: string[];
  /** when an end-to-end file runs now: the suites that run right after it (confirmations first) */
  afterEndToEnd: string[];
  /**
   * files (from the root) whose latest result the rerun, or the suites right after it, are about
   * to replace (not the confirmations: a pass at the reduced count keeps its "confirming" line)
   */
  replaced: string[];
} {
  const results = readFileResults();
  const confirm = confirmations(testModules);
  // the suites that waited for the current exercise's verdict
  const waited = [...afterCurrent].filter(([file]) => !confirm.some((spec) => relativeFile(spec.moduleId) === file));
  afterCurrent.clear();
  const opened: [string, TestSpecification][] = [];
  const notes: string[] = [];
  for (const [file, spec] of heldBack) {
    const waiting = waitingFor(file, results);
    if (waiting.length === 0) {
      heldBack.delete(file);
      opened.push([file, spec]);
    } else {
      notes.push(`${basename(file)} waits until ${waiting.map((suite) => basename(suite)).join(', ')} pass${waiting.length === 1 ? 'es' : ''} (the end-to-end test can teach nothing before).`);
    }
  }
  const later: [string, TestSpecification][] = [...confirm.map((spec): [string, TestSpecification] => [relativeFile(spec.moduleId), spec]), ...waited];
  if (opened.length > 0) {
    // the end-to-end verdict first, by itself; the confirmations and the waiting suites right after it
    for (const [file, spec] of later) afterCurrent.set(file, spec);
    return {
      rerun: opened.map(([, spec]) => spec),
      notes,
      endToEnd: opened.map(([file]) => basename(file)),
      afterCurrent: [],
      confirming: [],
      afterEndToEnd: later.map(([file]) => basename(file)),
      replaced: [...opened, ...waited].map(([file]) => file),
    };
  }
  // the current exercise's confirmation before the green suites (as the sequencer would order them)
  const rerun = currentFirst(later.map(([, spec]) => spec));
  const isProvisional = (spec: TestSpecification) => {
    const result = results[relativeFile(spec.moduleId)];
    return result !== undefined && provisional(result);
  };
  return {
    rerun,
    notes,
    endToEnd: [],
    afterCurrent: rerun.filter((spec) => !isProvisional(spec)).map((spec) => basename(spec.moduleId)),
    confirming: rerun.filter(isProvisional).map((spec) => basename(spec.moduleId)),
    afterEndToEnd: [],
    // and the green suites the current-first rule put back to wait (currentFirst): they run right after
    replaced: [...rerun.filter((spec) => !isProvisional(spec)).map((spec) => relativeFile(spec.moduleId)), ...afterCurrent.keys()],
  };
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
