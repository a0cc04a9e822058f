/**
 * A catalogued mistake must reach its verdict the way a student should meet it: in seconds, with
 * a message that names it. A test that fails only because vitest's test (or hook) timeout ran
 * out tells the student nothing and makes them wait: the mistake fails verify, even when the
 * right exercise went red. (The harness turns the classic slow mistakes, a connection never
 * given back and a statement waiting on its own transaction's locks, into prompt failures:
 * harness/testing/connection-leaks.ts and lock-waits.ts.)
 */
import type { VitestRun } from '../../harness/results/run-vitest.ts';
import type { Verdict } from './expectations.ts';

/** vitest's own words when a test or a hook ran out of time, and a driver's raw lock-wait error. */
const TIMED_OUT = /\b(Test|Hook) timed out in \d+ ?ms|Lock wait timeout exceeded/;

/** The failing tests of a run whose verdict was a timeout. */
export function timedOut(run: Pick<VitestRun, 'outcomes'>): VitestRun['outcomes'] {
  return run.outcomes.filter((outcome) => outcome.status === 'failed' && TIMED_OUT.test(outcome.message));
}

/** The verdict, failed when any of the run's failing tests only timed out. */
export function withinSeconds(verdict: Verdict, run: Pick<VitestRun, 'outcomes'>): Verdict {
  const slow = timedOut(run);
  if (slow.length === 0) return verdict;
  return {
    ok: false,
    got: `${verdict.got} · ${slow.length} timed out`,
    details: [
      ...verdict.details,
      `${slow.length} test(s) reached their verdict only by a timeout (a student waits, then reads nothing about the mistake): make the harness fail them at once, with a message that names the mistake:`,
      ...slow.slice(0, 4).map((outcome) => `  ${outcome.file} > ${outcome.name}: ${outcome.message.split('\n')[0]?.slice(0, 160)}`),
    ],
  };
}
