/**
 * A vitest reporter: after every run it records each kata exercise's result in .kata/progress.json
 * and prints the progress ladder. Silent while the maintainers' verifier runs (its results are the
 * reference solution's, not the student's) and when a name filter (-t) ran only part of a suite.
 */
import type { Reporter, TestModule, Vitest } from 'vitest/node';
import type { Progress } from './progress.ts';
import { recordProgress, renderLadder } from './progress.ts';
import { exerciseOfFile, kataOfFile } from './katas.ts';

export function summarise(testModules: ReadonlyArray<TestModule>): Progress {
  const results: Progress = {};
  for (const module of testModules) {
    const kata = kataOfFile(module.moduleId);
    const exercise = kata && exerciseOfFile(kata, module.moduleId);
    if (!kata || !exercise) continue;
    const entry = ((results[kata.id] ??= {})[exercise.id] ??= { passed: 0, total: 0 });
    for (const test of module.children.allTests()) {
      entry.total++;
      if (test.result().state === 'passed') entry.passed++;
    }
    // a file whose setup failed before collecting its tests still counts as one failure
    if (entry.total === 0 && !module.ok()) entry.total = 1;
  }
  return results;
}

export default class ProgressReporter implements Reporter {
  #vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.#vitest = vitest;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (process.env.KATA_VERIFY_MODE || this.#vitest?.config.testNamePattern) return;
    const results = summarise(testModules);
    if (Object.keys(results).length === 0) return;
    process.stdout.write('\n' + renderLadder(recordProgress(results)) + '\n\n');
  }
}
