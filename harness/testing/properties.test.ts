/** assertProperty's reporting and its guard: what a failed property says, and when it stops. */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { notImplemented } from '../not-started.ts';
import { assertProperty, notAboutTheData, replayCommand, runGuard } from './properties.ts';
import { formatFailure } from './teach.ts';

describe('assertProperty', () => {
  it('throws the assertion\'s own error, then the smallest input and the command that replays the run', async () => {
    const error = (await assertProperty(
      fc.property(fc.integer(), (n) => {
        expect(n, 'n should stay below 10').toBeLessThan(10);
      }),
      { seed: 42 },
    ).catch((e: unknown) => e)) as Error & { actual?: unknown };
    expect(error).toBeInstanceOf(Error);
    const lines = error.message.split('\n');
    expect(lines[0]).toContain('n should stay below 10');
    expect(error.message).toMatch(/Generated input \(run \d+, shrunk \d+ time\(s\) to the smallest one that still fails\):\n {2}\[10\]/);
    expect(error.message).toContain("Replay this run: KATA_PROPERTY_SEED=42 npm test -- harness/testing/properties.test.ts -t 'throws the assertion");
    expect(error.message).not.toMatch(/path:|Enable verbose mode|endOnFailure/);
    // still the assertion's error: vitest prints its diff
    expect(error.actual).toBe(10);
  });

  it('reports a stub that is not written yet plainly, after one run', async () => {
    let runs = 0;
    const error = (await assertProperty(
      fc.property(fc.integer(), () => {
        runs++;
        throw notImplemented('01-user', '5.2', 'UserDAL.insertUser');
      }),
    ).catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('NotStarted');
    expect(error.message).not.toContain('Generated input');
    expect(runs).toBe(1);
  });

  it("sees a stub's NotStarted inside an assertion error too (`await expect(stub()).resolves`), after one run", async () => {
    let runs = 0;
    const error = (await assertProperty(
      fc.asyncProperty(fc.integer(), async () => {
        runs++;
        await expect(Promise.reject(notImplemented('01-user', '5.2', 'UserDAL.softDeleteUser'))).resolves.toBeUndefined();
      }),
    ).catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('NotStarted');
    expect(error.message).not.toContain('Generated input');
    expect(runs).toBe(1);
  });

  it('stops at the first error that is not about the data (no shrinking through runs that fail alike)', async () => {
    let runs = 0;
    const error = (await assertProperty(
      fc.asyncProperty(fc.string(), async () => {
        runs++;
        throw notAboutTheData(new Error('the pool ran dry'));
      }),
    ).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('the pool ran dry');
    expect(runs).toBe(1);
  });
});

describe("a student's console.log while fast-check shrinks", () => {
  it('shows as usual until a run fails, then only the smallest failing run\'s, once, at the end', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await assertProperty(
        fc.property(fc.integer({ min: 0, max: 1000 }), (n) => {
          console.log(`trying ${n}`);
          expect(n).toBeLessThan(10);
        }),
        { seed: 42 },
      ).catch(() => undefined);
      const lines = log.mock.calls.map((call) => String(call[0]));
      const header = lines.findIndex((line) => line.startsWith('(the console output of the smallest failing run'));
      expect(header, lines.join('\n')).toBeGreaterThan(0);
      // before the header: the runs up to the first failure; after it: the counterexample's run alone
      expect(lines.slice(header + 1)).toEqual(['trying 10']);
      expect(lines.slice(0, header).every((line) => line.startsWith('trying '))).toBe(true);
      expect(Number(lines[header - 1]!.slice('trying '.length))).toBeGreaterThanOrEqual(10);
    } finally {
      log.mockRestore();
    }
  });

  it('says nothing when the property printed nothing', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await assertProperty(fc.property(fc.integer({ min: 0, max: 1000 }), (n) => expect(n).toBeLessThan(10)), { seed: 42 }).catch(() => undefined);
      expect(log).not.toHaveBeenCalled();
    } finally {
      log.mockRestore();
    }
  });
});

describe('runGuard', () => {
  it('starts no run once the test is over, and abandons the run in progress', async () => {
    const guard = runGuard<[number]>();
    let started = 0;
    let finished = 0;
    const details = await fc.check(
      fc.asyncProperty(fc.integer(), async (_n: number) => {
        started++;
        if (started === 3) {
          guard.testIsOver();
          await new Promise(() => undefined); // a run that never ends, as one stuck on a dry pool
        }
        finished++;
      }),
      { numRuns: 50, plugins: [guard.plugin] },
    );
    expect(started).toBe(3);
    expect(finished).toBe(2);
    expect(details.failed).toBe(false);
    expect(details.interrupted).toBe(true);
  });
});

describe('replayCommand', () => {
  it('quotes the test\'s own name as a pattern, up to its first quote', () => {
    expect(replayCommand(7, { file: 'katas/01-user/5.2-dal.test.ts', test: 'Exercise 5.2: UserDAL.insertUser > stores all 12 columns (quotes)' })).toBe(
      "KATA_PROPERTY_SEED=7 npm test -- katas/01-user/5.2-dal.test.ts -t 'stores all 12 columns \\(quotes\\)'",
    );
    expect(replayCommand(7, { file: 'f.test.ts', test: "keeps the server's NOW(6)" })).toBe("KATA_PROPERTY_SEED=7 npm test -- f.test.ts -t 'keeps the server'");
  });
});

describe('formatFailure (the guided loop\'s first failing expectation)', () => {
  it('shows the message without fast-check\'s noise, and the diff before a property\'s generated input', () => {
    const text = formatFailure({
      name: 'AssertionError',
      message: 'rows differ\n{ seed: 1, path: "0:1", endOnFailure: true }\nHint: Enable verbose mode in order to have the list of all failing values encountered during the run\n\nGenerated input (run 1):\n  [1]',
      diff: '- Expected\n+ Received',
    });
    expect(text).toBe('rows differ\n\n- Expected\n+ Received\n\nGenerated input (run 1):\n  [1]');
    expect(formatFailure({ name: 'TypeError', message: 'x is undefined' })).toBe('TypeError: x is undefined');
    expect(formatFailure(undefined)).toBe('failed');
  });
});
