import { describe, expect, it } from 'vitest';
import type { TestOutcome } from '../../harness/results/outcomes.ts';
import { withinSeconds } from './time-to-verdict.ts';

const outcome = (message: string, status: TestOutcome['status'] = 'failed'): TestOutcome => ({ file: 'katas/04-product/5.3-dal-variants.test.ts', kata: '04-product', exercise: '5.3', name: 'is atomic', status, message });
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
});
