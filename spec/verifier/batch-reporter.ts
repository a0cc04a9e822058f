/**
 * The reporter of a verifier batch: every project's outcomes, apart (vitest's JSON report does
 * not say which project a file ran in, and a batch runs the same files in many projects).
 * Writes { [project]: { outcomes, durationMs } } to the file named by KATA_BATCH_REPORT.
 */
import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';
import { outcomesFromModules, type TestOutcome } from '../../harness/results/outcomes.ts';

export type BatchReport = Record<string, { outcomes: TestOutcome[]; durationMs: number }>;

export default class BatchReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const file = process.env.KATA_BATCH_REPORT;
    if (!file) throw new Error('the batch reporter needs KATA_BATCH_REPORT (where to write)');
    const report: BatchReport = {};
    for (const module of testModules) {
      const entry = (report[module.project.name] ??= { outcomes: [], durationMs: 0 });
      entry.outcomes.push(...outcomesFromModules([module]));
      entry.durationMs += module.diagnostic().duration;
    }
    writeFileSync(file, JSON.stringify(report));
  }
}
