import { describe, expect, it } from 'vitest';
import type { TestOutcome } from '../../harness/results/outcomes.ts';
import { VERDICT_WITHIN_MS, withinSeconds } from './time-to-verdict.ts';

const outcome = (message: string, status: TestOutcome['status'] = 'failed', durationMs?: number): TestOutcome => ({
  file: 'katas/04-product/5.3-dal-variants.test.ts',
  kata: '04-product',
  exercise: '5.3',
  name: 'is atomic',
  status,
  message,
  ...(durationMs === undefined ? {} : { durationMs }),
});
const caught = { ok: true, got: '5.3 ✗1', details: [] };

describe('withinSeconds', () => {
  it('keeps a verdict whose failures all name their reason', () => {
    expect(withinSeconds(caught, { outcomes: [outcome('WaitedOnItsOwnLocks: the INSERT ran on another connection than the DELETE'), outcome('', 'passed')] })).toEqual(caught);
  });

  it('fails a verdict reached by a test timeout, a hook timeout or a raw lock wait', () => {
    for (const message of ['TestTimeoutError: Test timed out in 20000ms.', 'Hook timed out in 60000ms.', "Error: Lock wait timeout exceeded; try restarting transaction"]) {
      const verdict = withinSeconds(caught, { outcomes: [outcome(message)] });
      expect(verdict.ok, message).toBe(false);
      expect(verdict.got).toBe('5.3 ✗1 · 1 timed out');
      expect(verdict.details.join('\n')).toContain('katas/04-product/5.3-dal-variants.test.ts > is atomic');
    }
  });

  it('fails a verdict that names the mistake only after 10 s, and keeps one that names it sooner', () => {
    const message = 'WaitedOnItsOwnLocks: the INSERT ran on another connection than the DELETE';
    expect(withinSeconds(caught, { outcomes: [outcome(message, 'failed', VERDICT_WITHIN_MS - 1)] })).toEqual(caught);
    const verdict = withinSeconds(caught, { outcomes: [outcome(message, 'failed', 12_300), outcome('', 'passed', 30_000)] });
    expect(verdict.ok).toBe(false);
    expect(verdict.got).toBe('5.3 ✗1 · 1 slower than 10 s');
    expect(verdict.details.join('\n')).toContain('is atomic: WaitedOnItsOwnLocks: the INSERT ran on another connection than the DELETE (12.3 s)');
  });
});
