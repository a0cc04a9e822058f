/**
 * A pass at the learner loop's reduced count of property cases (property-runs.ts) is provisional:
 * not green on the ladder or in `npm start`'s guide, and rerun at the full count, whose verdict is
 * the real one: at once, or right after the end-to-end file when its pass opened that file's gate.
 */
import { describe, expect, it } from 'vitest';
import type { TestModule } from 'vitest/node';
import { useTemporaryStateDir } from '../testing/temporary-state.ts';
import { outcomesFromModules } from '../results/outcomes.ts';
import { FULL_RUNS, propertyRuns, WHILE_RED_RUNS } from '../testing/property-runs.ts';
import { currentResult, guideText, isGreen, KataResults } from './guide.ts';
import { findKata } from './katas.ts';
import { confirmations, waitingFor } from './loop-gate.ts';
import { exerciseGreen, readFileResults, readProgress, recordProgress, renderLadder } from './progress.ts';

const strip = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');
const DAL = 'katas/01-user/5.2-dal.test.ts';

/** A passing suite file as vitest reports it; `reducedRuns`: its properties ran that many cases (the test's meta). */
function passingModule(file: string, reducedRuns?: number): TestModule {
  return {
    moduleId: `/repo/${file}`,
    relativeModuleId: file,
    ok: () => true,
    errors: () => [],
    project: { createSpecification: (moduleId: string) => ({ moduleId }) },
    children: {
      *allTests() {
        for (const name of ['a', 'b']) yield { fullName: name, result: () => ({ state: 'passed' }), meta: () => (reducedRuns === undefined ? {} : { propertyRuns: reducedRuns }) };
      },
    },
  } as unknown as TestModule;
}

useTemporaryStateDir();

describe('a pass at the reduced count of property cases', () => {
  const kata = findKata('01-user');
  const others = ['katas/01-user/5.1-ddl.test.ts', 'katas/01-user/5.3-consumer.test.ts'].map((file) => passingModule(file));

  it('is not green: the ladder says it is being confirmed and the file reruns; the end-to-end gate opens (the confirmation comes right after it)', () => {
    const ran = [passingModule(DAL, WHILE_RED_RUNS)];
    recordProgress(outcomesFromModules([...others, ...ran]));
    const progress = readProgress();
    expect(exerciseGreen(progress, kata, '5.2')).toBe(false);
    expect(strip(renderLadder(progress))).toContain(`(5.2-dal passing at ${WHILE_RED_RUNS} cases, confirming with ${FULL_RUNS})`);
    expect(waitingFor('katas/01-user/5.3-consumer.e2e.test.ts')).toEqual([]);
    expect(confirmations(ran).map((spec) => spec.moduleId)).toEqual([`/repo/${DAL}`]);
    // the rerun runs the full count
    expect(propertyRuns({ file: DAL, learnerLoop: true, env: {}, results: readFileResults })).toBe(FULL_RUNS);

    const guide = new KataResults(kata).record([...others, ...ran]);
    expect(isGreen(guide)).toBe(false);
    expect(currentResult(guide)?.id).toBe('5.2');
    expect(strip(guideText(kata, guide))).toContain(`passing at ${WHILE_RED_RUNS} cases, confirming with ${FULL_RUNS}…`);
    // not "work on exercise 5.2": it passed, and its confirmation is running
    expect(strip(guideText(kata, guide))).toContain(`Next: wait a second or two: exercise 5.2 passed at ${WHILE_RED_RUNS} cases per property, and runs again now at ${FULL_RUNS}`);
    expect(strip(guideText(kata, guide))).not.toContain('Next: work on exercise');
  });

  it('turns green once the full count passed', () => {
    recordProgress(outcomesFromModules([...others, passingModule(DAL, WHILE_RED_RUNS)]));
    const ran = [passingModule(DAL)];
    recordProgress(outcomesFromModules(ran));
    expect(exerciseGreen(readProgress(), kata, '5.2')).toBe(true);
    expect(waitingFor('katas/01-user/5.3-consumer.e2e.test.ts')).toEqual([]);
    expect(confirmations(ran)).toEqual([]);
  });
});
