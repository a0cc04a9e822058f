/**
 * A catalogued mistake must reach its verdict the way a student should meet it: in seconds, with
 * a message that names it. A test that fails only because vitest's test (or hook) timeout ran
 * out tells the student nothing and makes them wait; so does a test that names the mistake only
 * after VERDICT_WITHIN_MS. Either way the mistake fails verify, even when the right exercise
 * went red. (The harness turns the classic slow mistakes, a connection never
 * given back and a statement waiting on its own transaction's locks, into prompt failures:
 * harness/testing/connection-leaks.ts and lock-waits.ts.)
 */
import type { VitestRun } from '../../harness/results/run-vitest.ts';
import type { Verdict } from './expectations.ts';

/** vitest's own words when a test or a hook ran out of time, and a driver's raw lock-wait error. */
const TIMED_OUT = /\b(Test|Hook) timed out in \d+ ?ms|Lock wait timeout exceeded/;

/**
 * The longest a failing test may run before it says what is wrong (the issue's "under 10 s").
 * A failing test here normally takes well under a second; the margin absorbs a loaded CI machine
 * running three servers' proofs at once, not a wait on a timeout (vitest's is 20 s).
 */
export const VERDICT_WITHIN_MS = 10_000;

/** The failing tests of a run whose verdict was a timeout. */
export function timedOut(run: Pick<VitestRun, 'outcomes'>): VitestRun['outcomes'] {
  return run.outcomes.filter((outcome) => outcome.status === 'failed' && TIMED_OUT.test(outcome.message));
}

/** The failing tests of a run that named their mistake, but only after VERDICT_WITHIN_MS. */
export function tooSlow(run: Pick<VitestRun, 'outcomes'>): VitestRun['outcomes'] {
  return run.outcomes.filter(
    (outcome) => outcome.status === 'failed' && !TIMED_OUT.test(outcome.message) && (outcome.durationMs ?? 0) >= VERDICT_WITHIN_MS,
  );
}

function firstLine(outcome: VitestRun['outcomes'][number]): string {
  return `  ${outcome.file} > ${outcome.name}: ${outcome.message.split('\n')[0]?.slice(0, 160)}`;
}

/** The verdict, failed when any of the run's failing tests only timed out, or took VERDICT_WITHIN_MS or more. */
export function withinSeconds(verdict: Verdict, run: Pick<VitestRun, 'outcomes'>): Verdict {
  const timeouts = timedOut(run);
  const slow = tooSlow(run);
  if (timeouts.length === 0 && slow.length === 0) return verdict;
  const got = [verdict.got, timeouts.length ? `${timeouts.length} timed out` : '', slow.length ? `${slow.length} slower than ${VERDICT_WITHIN_MS / 1000} s` : '']
    .filter(Boolean)
    .join(' · ');
  return {
    ok: false,
    got,
    details: [
      ...verdict.details,
      ...(timeouts.length
        ? [
            `${timeouts.length} test(s) reached their verdict only by a timeout (a student waits, then reads nothing about the mistake): make the harness fail them at once, with a message that names the mistake:`,
            ...timeouts.slice(0, 4).map(firstLine),
          ]
        : []),
      ...(slow.length
        ? [
            `${slow.length} test(s) named the mistake only after ${VERDICT_WITHIN_MS / 1000} s or more (a student waits that long on every save):`,
            ...slow.slice(0, 4).map((outcome) => `${firstLine(outcome)} (${((outcome.durationMs ?? 0) / 1000).toFixed(1)} s)`),
          ]
        : []),
    ],
  };
}
