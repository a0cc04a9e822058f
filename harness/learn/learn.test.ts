/** The learner's tools: kata look-up, progress ladder, hint ladder, guided-loop screens. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TestModule } from 'vitest/node';
import { useTemporaryStateDir } from '../testing/temporary-state.ts';
import { curriculum } from '../../curriculum.ts';
import { collectResults, currentResult, guideText, isGreen, KataResults } from './guide.ts';
import { observeAndOffer, StuckTracker, stuckOffer } from './stuck.ts';
import { afterRun, inLearnerLoop, LearnerSequencer, resetLoopGate, waitingFor } from './loop-gate.ts';
import { REPO_ROOT } from './state.ts';
import { hintsOf, resetHints, revealNext } from './hints.ts';
import { findExercise, findKata, UsageError } from './katas.ts';
import { exerciseOfFile, outcomesFromModules } from '../results/outcomes.ts';
import { tallyProgress } from '../results/tally.ts';
import { currentExercise, currentKata, kataGreen, readFirstPass, readProgress, recordProgress, renderLadder } from './progress.ts';
import { FULL_RUNS, propertyRuns, WHILE_RED_RUNS } from '../testing/property-runs.ts';
import ProgressReporter from './progress-reporter.ts';

const strip = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');

/** A stand-in for vitest's TestModule: just what our code reads. */
function fakeModule(file: string, tests: [name: string, state: 'passed' | 'failed' | 'skipped', message?: string][], setupError?: string): TestModule {
  return {
    moduleId: `/repo/${file}`,
    relativeModuleId: file,
    ok: () => !setupError && tests.every(([, state]) => state !== 'failed'),
    errors: () => (setupError ? [{ name: 'Error', message: setupError }] : []),
    children: {
      *allTests() {
        for (const [fullName, state, message] of tests) {
          yield { fullName, result: () => (state === 'failed' ? { state, errors: [{ name: 'NotStarted', message: message ?? 'boom' }] } : { state }), meta: () => ({}) };
        }
      },
    },
  } as unknown as TestModule;
}

useTemporaryStateDir();

describe('kata look-up', () => {
  it('accepts 01-user, 01, user and katas/01-user/, and lists the valid names otherwise', () => {
    for (const name of ['01-user', '01', 'user', 'katas/01-user/']) expect(findKata(name).id).toBe('01-user');
    expect(() => findKata('09-nope')).toThrow(UsageError);
    expect(() => findKata('09-nope')).toThrow(`Valid katas: ${curriculum.map((k) => k.id).join(', ')}`);
    expect(() => findExercise(findKata('01-user'), '7.7')).toThrow('Its exercises: 5.1, 5.2, 5.3');
  });

  it('maps suite files to exercises', () => {
    const kata = findKata('01-user');
    expect(exerciseOfFile(kata, 'katas/01-user/5.3-consumer.e2e.test.ts')?.id).toBe('5.3');
    expect(exerciseOfFile(findKata('00-setup'), 'katas/00-setup/smoke.e2e.test.ts')?.id).toBe('smoke');
  });
});

describe('progress', () => {
  it('records a run per exercise and draws the ladder with the current kata marked', () => {
    recordProgress(outcomesFromModules([fakeModule('katas/00-setup/smoke.e2e.test.ts', [['a', 'passed']])]));
    recordProgress(
      outcomesFromModules([
        fakeModule('katas/01-user/5.1-ddl.test.ts', [['a', 'passed'], ['b', 'passed']]),
        fakeModule('katas/01-user/5.2-dal.test.ts', [['c', 'failed'], ['d', 'skipped']]),
      ]),
    );
    const progress = readProgress();
    expect(progress['01-user']).toEqual({ '5.1': { passed: 2, total: 2 }, '5.2': { passed: 0, total: 2 } });
    expect(currentKata(progress)?.id).toBe('01-user');
    expect(currentExercise(progress, findKata('01-user'))).toBe('5.2');
    const ladder = strip(renderLadder(progress));
    expect(ladder).toMatch(/✓ 00-setup\s+1\/1 tests/);
    expect(ladder).toMatch(/▶ 01-user\s+2\/4 tests\s+5\.1 ✓ {2}5\.2 ✗ {2}5\.3 · +\(5\.3 not run yet\)/);
    expect(ladder).toMatch(/02-supplier\s+not run yet/);
    expect(ladder).toContain('Next: npm test -- katas/01-user/   (exercise 5.2; stuck? npm run hint -- 01-user)');
    // in CI (or under a grader) the ladder is a result, not advice
    expect(strip(renderLadder(progress, { advice: false }))).not.toContain('Next:');
  });

  it('keeps each file\'s latest result: a run of one file does not hide the other files of its exercise', () => {
    recordProgress(outcomesFromModules([fakeModule('katas/01-user/5.3-consumer.test.ts', [['a', 'passed'], ['b', 'passed']])]));
    recordProgress(outcomesFromModules([fakeModule('katas/01-user/5.3-consumer.e2e.test.ts', [['c', 'passed']])]));
    expect(readProgress()['01-user']).toEqual({ '5.3': { passed: 3, total: 3 } });
  });

  it('does not call an exercise done while one of its suites has not run (the end-to-end one, held back)', () => {
    recordProgress(outcomesFromModules([fakeModule('katas/00-setup/smoke.e2e.test.ts', [['a', 'passed']])]));
    recordProgress(
      outcomesFromModules(
        ['katas/01-user/5.1-ddl.test.ts', 'katas/01-user/5.2-dal.test.ts', 'katas/01-user/5.3-consumer.test.ts'].map((file) => fakeModule(file, [['t', 'passed']])),
      ),
    );
    const progress = readProgress();
    expect(progress['01-user']?.['5.3']).toEqual({ passed: 1, total: 1, notRun: ['5.3-consumer.e2e'] });
    expect(currentKata(progress)?.id).toBe('01-user');
    expect(strip(renderLadder(progress))).toMatch(/▶ 01-user\s+3\/3 tests\s+5\.1 ✓ {2}5\.2 ✓ {2}5\.3 … +\(5\.3-consumer\.e2e not run yet\)/);
    recordProgress(outcomesFromModules([fakeModule('katas/01-user/5.3-consumer.e2e.test.ts', [['e', 'passed']])]));
    expect(currentKata(readProgress())?.id).toBe('02-supplier');
  });

  it('npm test\'s watch mode offers the next hint after the same failure three runs in a row (and never shows it unasked)', () => {
    // (kata 00 never ran: that does not make the learner of kata 01 less stuck)
    vi.stubEnv('KATA_VERIFY_MODE', ''); // the reporter is silent under the verifier
    const reporter = new ProgressReporter();
    reporter.onInit({ config: { watch: true } } as never);
    const printed: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (printed.push(String(chunk)), true));
    try {
      const run = () => reporter.onTestRunEnd([fakeModule('katas/01-user/5.1-ddl.test.ts', [['has the columns', 'failed', 'email is TEXT']])]);
      run();
      run();
      expect(strip(printed.join(''))).not.toContain('Hint 1 of 3');
      run();
      expect(strip(printed.join(''))).toContain('The same failure 3 runs in a row. Hint 1 of 3 is one command away: npm run hint -- 01-user 5.1');
      expect(strip(printed.join(''))).not.toMatch(/^Hint 1\b/m);
    } finally {
      spy.mockRestore();
      vi.unstubAllEnvs();
    }
  });

  it('counts a suite whose setup failed as a failure', () => {
    expect(tallyProgress(curriculum, outcomesFromModules([fakeModule('katas/01-user/5.2-dal.test.ts', [], 'Finish exercise 5.1 first')]))).toEqual({ '01-user': { '5.2': { passed: 0, total: 1 } } });
  });

  it("keeps a file's test count when its setup fails before any test (a syntax error): the kata's total does not shrink", () => {
    const dal = 'katas/01-user/5.2-dal.test.ts';
    recordProgress(outcomesFromModules([fakeModule(dal, [['a', 'passed'], ['b', 'passed'], ['c', 'failed']])]));
    const broken = recordProgress(outcomesFromModules([fakeModule(dal, [], 'Transform failed with 1 error: [PARSE_ERROR]')]));
    expect(broken['01-user']?.['5.2']).toMatchObject({ passed: 0, total: 3 });
    expect(strip(renderLadder(broken))).toMatch(/01-user +0\/3 tests/);
  });
});

describe('hints', () => {
  it('every exercise of every kata with a hints file has three levels', () => {
    for (const kata of curriculum.filter((k) => !k.startsGreen)) {
      for (const exercise of kata.exercises) {
        expect(hintsOf(kata, exercise.id).map((hint) => hint.level), `${kata.id} ${exercise.id}`).toEqual([1, 2, 3]);
      }
    }
  });

  it('reveals one more level per call, stops at the last, and forgets on reset', () => {
    const kata = findKata('01-user');
    expect(revealNext(kata, '5.2').shown.map((hint) => hint.level)).toEqual([1]);
    expect(revealNext(kata, '5.2').shown.map((hint) => hint.level)).toEqual([1, 2]);
    expect(revealNext(kata, '5.2')).toMatchObject({ total: 3, isNew: true });
    expect(revealNext(kata, '5.2')).toMatchObject({ isNew: false });
    expect(revealNext(kata, '5.1').shown).toHaveLength(1);
    resetHints(kata);
    expect(revealNext(kata, '5.2').shown).toHaveLength(1);
  });
});

describe('the ladder while an end-to-end file is about to run again', () => {
  it('does not count its previous verdict: the kata is not green until the new one is in', () => {
    const kata = findKata('01-user');
    const units = [
      fakeModule('katas/01-user/5.1-ddl.test.ts', [['a', 'passed']]),
      fakeModule('katas/01-user/5.2-dal.test.ts', [['b', 'passed']]),
      fakeModule('katas/01-user/5.3-consumer.test.ts', [['c', 'passed']]),
    ];
    const e2e = 'katas/01-user/5.3-consumer.e2e.test.ts';
    recordProgress(outcomesFromModules([...units, fakeModule(e2e, [['e', 'passed']])]));
    // a save: the unit suites pass again, and the loop reruns the end-to-end file right after
    recordProgress(outcomesFromModules(units));
    const progress = readProgress([e2e]);
    expect(progress[kata.id]?.['5.3']?.runningNow).toEqual(['5.3-consumer.e2e']);
    expect(kataGreen(progress, kata)).toBe(false);
    // its test still counts, as running: the kata's total does not shrink while it runs
    expect(strip(renderLadder(progress))).toMatch(/01-user +3\/3 tests \+ 1 to run +5\.1 ✓ {2}5\.2 ✓ {2}5\.3 … +\(5\.3-consumer\.e2e run next, on this code\)/);
    // on disk it keeps its latest verdict until the new one replaces it
    expect(readProgress()[kata.id]?.['5.3']).toMatchObject({ passed: 2, total: 2 });
  });
});

describe('the guided loop', () => {
  const kata = findKata('01-user');

  it('shows the current exercise, the first failing expectation and the next action', () => {
    const results = collectResults(kata, [
      fakeModule('katas/01-user/5.1-ddl.test.ts', [['t1', 'passed']]),
      fakeModule('katas/01-user/5.2-dal.test.ts', [['insertUser stores', 'failed', 'not implemented yet: exercise 5.2']]),
      fakeModule('katas/01-user/5.3-consumer.test.ts', [['parses', 'failed', 'not implemented yet: exercise 5.3'], ['maps', 'failed', 'not implemented yet: exercise 5.3']]),
    ]);
    const text = strip(guideText(kata, results));
    expect(text).toMatch(/✓ 5\.1 DDL.*1\/1/);
    expect(text).toMatch(/▶ 5\.2 DAL.*0\/1$/m);
    // a later exercise is one line, its failures not shown
    expect(text).toMatch(/ {2}5\.3 Consumer.*0\/2 {2}not started$/m);
    expect(text).not.toContain('exercise 5.3');
    expect(text).toContain('First failing expectation (katas/01-user/5.2-dal.test.ts)');
    expect(text).toContain('NotStarted: not implemented yet: exercise 5.2');
    expect(text).toContain('Stuck? npm run hint -- 01-user 5.2');
    expect(isGreen(results)).toBe(false);
  });

  it('keeps earlier results for exercises a rerun did not touch, and says so when the kata is green', () => {
    const session = new KataResults(kata);
    session.record([fakeModule('katas/01-user/5.1-ddl.test.ts', [['t1', 'passed']])]);
    const merged = session.record([
      fakeModule('katas/01-user/5.2-dal.test.ts', [['t2', 'passed']]),
      fakeModule('katas/01-user/5.3-consumer.test.ts', [['t3', 'passed']]),
      fakeModule('katas/01-user/5.3-consumer.e2e.test.ts', [['e1', 'passed']]),
    ]);
    expect(isGreen(merged)).toBe(true);
    expect(strip(guideText(kata, merged))).toContain('✓ Kata 01-user is green');
  });

  it('is not green while the end-to-end file the loop held back has not run: it says the verdict comes next, once', () => {
    const session = new KataResults(kata);
    const units = session.record([
      fakeModule('katas/01-user/5.1-ddl.test.ts', [['t1', 'passed']]),
      fakeModule('katas/01-user/5.2-dal.test.ts', [['t2', 'passed']]),
      fakeModule('katas/01-user/5.3-consumer.test.ts', [['t3', 'passed']]),
    ]);
    expect(isGreen(units)).toBe(false);
    expect(currentResult(units)?.id).toBe('5.3');
    const text = strip(guideText(kata, units));
    expect(text).not.toContain('is green');
    expect(text).toMatch(/▶ 5\.3 Consumer.*1\/1 {2}5\.3-consumer\.e2e runs now…$/m);
    expect(text).toContain('Next: wait a second or two for 5.3-consumer.e2e');
    const whole = session.record([fakeModule('katas/01-user/5.3-consumer.e2e.test.ts', [['e1', 'passed']])]);
    expect(isGreen(whole)).toBe(true);
    expect(strip(guideText(kata, whole))).toMatch(/✓ 5\.3 Consumer.*2\/2$/m);
  });

  it("says 'runs now', not 'work on exercise 5.1', while the exercise's files run right after this run (the end-to-end file went first)", () => {
    const session = new KataResults(kata);
    const e2eFirst = session.record([fakeModule('katas/01-user/5.3-consumer.e2e.test.ts', [['e1', 'passed']])]);
    const text = strip(guideText(kata, e2eFirst, undefined, ['5.1-ddl', '5.2-dal', '5.3-consumer']));
    expect(text).toMatch(/▶ 5\.1 .*0\/0 {2}5\.1-ddl runs now…$/m);
    expect(text).toMatch(/… 5\.2 .*0\/0 {2}5\.2-dal runs now…$/m);
    expect(text).toContain('Next: wait a second or two for 5.1-ddl');
    expect(text).not.toContain('Next: work on exercise');
  });

  it('does not show the ✓ of suites that run again right after this run (a save of a green kata: the end-to-end file first, the DAL suites after it)', () => {
    const session = new KataResults(kata);
    const all = ['5.1-ddl', '5.2-dal', '5.3-consumer', '5.3-consumer.e2e'].map((name) => `katas/01-user/${name}.test.ts`);
    expect(isGreen(session.record(all.map((file) => fakeModule(file, [['t', 'passed']]))))).toBe(true);
    // a save of user-dal.ts: the consumer's suite ran; the end-to-end file runs now, the DAL suite right after it
    const running = session.record([fakeModule(all[2]!, [['t', 'passed']])], [all[3]!, all[1]!]);
    expect(isGreen(running)).toBe(false);
    const text = strip(guideText(kata, running, undefined, ['5.3-consumer.e2e', '5.2-dal']));
    expect(text).toMatch(/✓ 5\.1 /);
    expect(text).toMatch(/▶ 5\.2 .*0\/0 {2}5\.2-dal runs now…$/m);
    expect(text).toMatch(/… 5\.3 .*1\/1 {2}5\.3-consumer\.e2e runs now…$/m);
    expect(text).not.toContain('is green');
    // their own results come back with their next run
    expect(isGreen(session.record([fakeModule(all[3]!, [['t', 'passed']]), fakeModule(all[1]!, [['t', 'passed']])]))).toBe(true);
  });

  it('counts an exercise over all its files when a rerun covers only one of them (the end-to-end file)', () => {
    const session = new KataResults(kata);
    session.record([fakeModule('katas/01-user/5.3-consumer.test.ts', [['u1', 'passed'], ['u2', 'failed', 'boom']])]);
    const afterEndToEnd = session.record([fakeModule('katas/01-user/5.3-consumer.e2e.test.ts', [['e1', 'passed']])]);
    expect(afterEndToEnd.find((result) => result.id === '5.3')).toMatchObject({ passed: 2, total: 3 });
  });

  it('shows a row diff whole (a hidden ✗ row would surprise the learner), and says so when it cuts a runaway message', () => {
    const table = Array.from({ length: 13 }, (_, row) => `${row === 12 ? '✗' : '✓'} column_${row}`).join('\n');
    expect(strip(guideText(kata, collectResults(kata, [fakeModule('katas/01-user/5.1-ddl.test.ts', [['t', 'failed', `rows differ\n${table}`]])])))).toContain('✗ column_12');
    const runaway = Array.from({ length: 50 }, (_, line) => `line ${line + 1}`).join('\n');
    const text = strip(guideText(kata, collectResults(kata, [fakeModule('katas/01-user/5.1-ddl.test.ts', [['t', 'failed', runaway]])])));
    expect(text).toContain('line 40');
    expect(text).not.toContain('line 41');
    expect(text).toContain('… 10 more lines: npm test -- katas/01-user/5.1-ddl.test.ts shows the whole failure');
  });

  it('names the earlier code a kata builds on', () => {
    const supplier = findKata('02-supplier');
    expect(strip(guideText(supplier, collectResults(supplier, [])))).toContain('builds on kata 01-user, exercise 5.3: parseTimestamp() from katas/01-user/user-consumer.ts');
  });
});

describe('stuck detection in the guided loop', () => {
  const kata = findKata('01-user');
  const red = (message: string) => collectResults(kata, [fakeModule('katas/01-user/5.1-ddl.test.ts', [['has the 12 columns', 'failed', message]])]);

  it('offers the next hint after the same failure three runs in a row, without revealing it', () => {
    const tracker = new StuckTracker();
    const counts = [red('email is TEXT'), red('email is TEXT'), red('email is TEXT')].map((results) => tracker.observe(kata.id, currentResult(results)));
    expect(counts).toEqual([1, 2, 3]);
    expect(stuckOffer(kata.id, '5.1', 2, { revealed: 0, total: 3 })).toBeUndefined();
    const offer = stuckOffer(kata.id, '5.1', 3, { revealed: 1, total: 3 });
    expect(offer).toBe('The same failure 3 runs in a row. Hint 2 of 3 is one command away: npm run hint -- 01-user 5.1');
    expect(strip(guideText(kata, red('email is TEXT'), offer))).toContain('Hint 2 of 3 is one command away');
    expect(stuckOffer(kata.id, '5.1', 5, { revealed: 3, total: 3 })).toContain('you have seen every hint');
  });

  it("counts only runs of the exercise: the loop's reruns of other suites neither count nor break the streak", () => {
    const tracker = new StuckTracker();
    const failing = currentResult(red('email is TEXT'));
    expect(observeAndOffer(tracker, kata, failing)).toBeUndefined();
    // the suites of green exercises the save touched, rerun right after: not a run of 5.1
    expect(observeAndOffer(tracker, kata, failing, false)).toBeUndefined();
    expect(observeAndOffer(tracker, kata, failing, false)).toBeUndefined();
    expect(observeAndOffer(tracker, kata, failing)).toBeUndefined();
    expect(observeAndOffer(tracker, kata, failing)).toContain('The same failure 3 runs in a row');
  });

  it('starts counting again when the failure changes (the learner is moving)', () => {
    const tracker = new StuckTracker();
    tracker.observe(kata.id, currentResult(red('email is TEXT')));
    tracker.observe(kata.id, currentResult(red('email is TEXT')));
    expect(tracker.observe(kata.id, currentResult(red('email is VARCHAR(100)')))).toBe(1);
  });
});

describe('the learner loop\'s end-to-end gate', () => {
  beforeEach(() => resetLoopGate());
  const e2e = 'katas/01-user/5.3-consumer.e2e.test.ts';

  it('waits for every other suite of the kata, as recorded at their latest run', () => {
    const run = (...files: [string, 'passed' | 'failed'][]) => recordProgress(outcomesFromModules(files.map(([file, state]) => fakeModule(file, [['t', state]]))));
    expect(waitingFor(e2e)).toEqual(['katas/01-user/5.1-ddl.test.ts', 'katas/01-user/5.2-dal.test.ts', 'katas/01-user/5.3-consumer.test.ts']);
    run(['katas/01-user/5.1-ddl.test.ts', 'passed'], ['katas/01-user/5.2-dal.test.ts', 'passed'], ['katas/01-user/5.3-consumer.test.ts', 'failed']);
    expect(waitingFor(e2e)).toEqual(['katas/01-user/5.3-consumer.test.ts']);
    // a later run of one file updates only that file
    run(['katas/01-user/5.3-consumer.test.ts', 'passed']);
    expect(waitingFor(e2e)).toEqual([]);
    run(['katas/01-user/5.2-dal.test.ts', 'failed']);
    expect(waitingFor(e2e)).toEqual(['katas/01-user/5.2-dal.test.ts']);
    expect(afterRun([])).toEqual({ rerun: [], notes: [], endToEnd: [], afterCurrent: [], confirming: [], afterEndToEnd: [], replaced: [] });
  });

  const files = ['5.1-ddl', '5.2-dal', '5.3-dal-items', '5.4-consumer', '5.4-consumer.e2e'].map((name) => `katas/07-order/${name}.test.ts`);
  const record = (...entries: [string, 'passed' | 'failed'][]) => recordProgress(outcomesFromModules(entries.map(([file, state]) => fakeModule(file, [['t', state]]))));
  const spec = (file: string) => ({ moduleId: `${REPO_ROOT}${file}`, project: { name: '07-order', config: { sequence: { groupOrder: 0 }, isolate: false } } }) as never;
  const sequencer = () => new LearnerSequencer({ config: { watch: true }, cache: { getTestSpecificationResult: () => undefined } } as never);
  const names = (specs: { moduleId: string }[]) => specs.map((entry) => entry.moduleId.slice(REPO_ROOT.length));
  /** the modules of a run, as afterRun gets them (no property ran at a reduced count) */
  const ran = (...entries: string[]) => entries.map((file) => fakeModule(file, [['t', 'passed']]));

  it('runs the current exercise alone first; suites of green exercises the save also reran come right after, then the end-to-end file', async () => {
    // 5.2 is the current exercise (red); 5.1, 5.3 and 5.4 passed
    record([files[0]!, 'passed'], [files[1]!, 'failed'], [files[2]!, 'passed'], [files[3]!, 'passed'], [files[4]!, 'passed']);
    // a save of order-dal.ts (exercises 5.2 and 5.3; the consumer imports it too)
    const sorted = (await sequencer().sort([files[1], files[2], files[3], files[4]].map((file) => spec(file!)))) as { moduleId: string }[];
    expect(names(sorted)).toEqual([files[1]]);
    record([files[1]!, 'passed']);
    const first = afterRun(ran(files[1]!));
    // the save fixed 5.2: every unit suite passed at its latest run, so the end-to-end verdict comes first, alone
    expect(first.endToEnd).toEqual(['5.4-consumer.e2e.test.ts']);
    expect(names(first.rerun as never)).toEqual([files[4]]);
    expect(first.afterEndToEnd.toSorted()).toEqual(['5.3-dal-items.test.ts', '5.4-consumer.test.ts']);
    expect(first.notes).toEqual([]);
    record([files[4]!, 'passed']);
    // then the suites of green exercises the save touched
    const second = afterRun(ran(files[4]!));
    expect(names(second.rerun as never).toSorted()).toEqual([files[2], files[3]]);
    expect(second.afterCurrent.toSorted()).toEqual(['5.3-dal-items.test.ts', '5.4-consumer.test.ts']);
    expect(second.endToEnd).toEqual([]);
    record([files[2]!, 'passed'], [files[3]!, 'passed']);
    expect(afterRun(ran(files[2]!, files[3]!)).rerun).toEqual([]);
  });

  it('runs the green suites right after a red verdict too: an earlier exercise the save broke must show (05: tables.ts broken while 5.2 is current)', async () => {
    const post = ['5.1-ddl', '5.2-dal', '5.3-consumer'].map((name) => `katas/05-post/${name}.test.ts`);
    record([post[0]!, 'passed'], [post[1]!, 'failed'], [post[2]!, 'failed']);
    const postSpec = (file: string) => ({ moduleId: `${REPO_ROOT}${file}`, project: { name: '05-post', config: { sequence: { groupOrder: 0 }, isolate: false } } }) as never;
    // a save of tables.ts: 5.1's suite and 5.2's (which builds its table from it)
    const sorted = (await sequencer().sort([post[0], post[1]].map((file) => postSpec(file!)))) as { moduleId: string }[];
    expect(names(sorted)).toEqual([post[1]]);
    record([post[1]!, 'failed']);
    const after = afterRun([fakeModule(post[1]!, [['t', 'failed']])]);
    expect(names(after.rerun as never)).toEqual([post[0]]);
    expect(after.afterCurrent).toEqual(['5.1-ddl.test.ts']);
  });

  it('holds the end-to-end file back while the save leaves a unit suite red, and says what it waits for', async () => {
    record([files[0]!, 'passed'], [files[1]!, 'failed'], [files[2]!, 'passed'], [files[3]!, 'passed'], [files[4]!, 'failed']);
    const sorted = (await sequencer().sort([files[1], files[4]].map((file) => spec(file!)))) as { moduleId: string }[];
    expect(names(sorted)).toEqual([files[1]]);
    record([files[1]!, 'failed']);
    const after = afterRun([fakeModule(files[1]!, [['t', 'failed']])]);
    expect(after.rerun).toEqual([]);
    expect(after.notes).toEqual(['5.4-consumer.e2e.test.ts waits until 5.2-dal.test.ts passes (the end-to-end test can teach nothing before).']);
  });

  it("once every unit suite passed, a save of the DAL runs its suites at the reduced count, then the end-to-end file, in one run; then their confirmation", async () => {
    record([files[0]!, 'passed'], [files[1]!, 'passed'], [files[2]!, 'passed'], [files[3]!, 'passed'], [files[4]!, 'failed']);
    // a save of order-dal.ts: its unit suites and the end-to-end file are affected
    const sorted = (await sequencer().sort([files[1], files[2], files[3], files[4]].map((file) => spec(file!)))) as { moduleId: string }[];
    // 5.4's consumer suite (its own exercise), 5.2's and 5.3's at 5 cases (a mistake in them is named by their own suite), then the end-to-end file
    expect(names(sorted)).toEqual([files[3], files[1], files[2], files[4]]);
    expect(readFirstPass()).toEqual([files[1], files[2]]);
    expect(propertyRuns({ file: files[1], learnerLoop: true, env: {} })).toBe(WHILE_RED_RUNS);
    expect(propertyRuns({ file: files[3], learnerLoop: true, env: {} })).toBe(FULL_RUNS);
    // all pass (5.2 and 5.3 at the reduced count): their confirmation at the full count follows
    const passedAt = (file: string, runs?: number) =>
      ({ ...fakeModule(file, [['t', 'passed']]), moduleId: `${REPO_ROOT}${file}`, project: { createSpecification: (moduleId: string) => ({ moduleId }) }, children: { *allTests() { yield { fullName: 't', result: () => ({ state: 'passed' }), meta: () => (runs ? { propertyRuns: runs } : {}) }; } } }) as unknown as TestModule;
    const firstRun = [passedAt(files[3]!), passedAt(files[1]!, WHILE_RED_RUNS), passedAt(files[2]!, WHILE_RED_RUNS), passedAt(files[4]!)];
    recordProgress(outcomesFromModules(firstRun));
    // meanwhile the ladder says they are being confirmed, and the kata is not green yet
    const ladder = strip(renderLadder(readProgress()));
    expect(ladder).toMatch(/07-order .*5\.2 … {2}5\.3 … {2}5\.4 ✓/);
    expect(ladder).toContain('confirming with 25');
    const after = afterRun(firstRun);
    expect(after.endToEnd).toEqual([]);
    expect(names(after.rerun as never).toSorted()).toEqual([files[1], files[2]]);
    expect(after.confirming.toSorted()).toEqual(['5.2-dal.test.ts', '5.3-dal-items.test.ts']);
    // a pass being confirmed keeps its result (the ladder says "confirming"): none is replaced
    expect(after.replaced).toEqual([]);
    // the confirmation runs every property at the full count
    await sequencer().sort([spec(files[1]!), spec(files[2]!)]);
    expect(readFirstPass()).toEqual([]);
  });

  it('a save of the consumer runs its suite, then the end-to-end file by itself', async () => {
    record([files[0]!, 'passed'], [files[1]!, 'passed'], [files[2]!, 'passed'], [files[3]!, 'passed'], [files[4]!, 'passed']);
    const sorted = (await sequencer().sort([files[3], files[4]].map((file) => spec(file!)))) as { moduleId: string }[];
    expect(names(sorted)).toEqual([files[3]]);
    expect(readFirstPass()).toEqual([]);
    record([files[3]!, 'passed']);
    const after = afterRun(ran(files[3]!));
    expect(after.endToEnd).toEqual(['5.4-consumer.e2e.test.ts']);
    expect(names(after.rerun as never)).toEqual([files[4]]);
    // its verdict from before the save is about to be replaced
    expect(after.replaced).toEqual([files[4]]);
  });

  it('holds the end-to-end file back when its own exercise\'s unit suite fails (the handler\'s mistake, named in a fraction of a second)', async () => {
    record([files[0]!, 'passed'], [files[1]!, 'passed'], [files[2]!, 'passed'], [files[3]!, 'passed'], [files[4]!, 'passed']);
    const sorted = (await sequencer().sort([files[3], files[4]].map((file) => spec(file!)))) as { moduleId: string }[];
    expect(names(sorted)).toEqual([files[3]]);
    record([files[3]!, 'failed']);
    const after = afterRun([fakeModule(files[3]!, [['t', 'failed']])]);
    expect(after.rerun).toEqual([]);
    expect(after.notes).toEqual(['5.4-consumer.e2e.test.ts waits until 5.4-consumer.test.ts passes (the end-to-end test can teach nothing before).']);
  });

  it('applies in watch mode only: vitest run, grading and verify run every suite', () => {
    expect(inLearnerLoop({ config: { watch: true } } as never)).toBe(true);
    expect(inLearnerLoop({ config: { watch: false } } as never)).toBe(false);
  });
});
