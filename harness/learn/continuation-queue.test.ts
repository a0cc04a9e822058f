/**
 * The learner loop's own reruns (loop-gate.ts, rerunAsContinuation) never race a save: a save's
 * run that is due takes their files, one that is running goes first. (Apart from learn.test.ts,
 * which the bench reruns as its yardstick: this one waits on timers.)
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { continuationPending, rerunAsContinuation, resetLoopGate, takeContinuation } from './loop-gate.ts';
import { REPO_ROOT } from './state.ts';

const files = ['5.2-dal', '5.3-dal-items', '5.4-consumer', '5.4-consumer.e2e'].map((name) => `katas/07-order/${name}.test.ts`);
const spec = (file: string) => ({ moduleId: `${REPO_ROOT}${file}`, project: { name: '07-order' } }) as never;
const names = (specs: { moduleId: string }[]) => specs.map((entry) => entry.moduleId.slice(REPO_ROOT.length));

describe("the loop's own reruns", () => {
  beforeEach(() => resetLoopGate());

  it("never races a save: the loop's rerun joins a save's run that is due, and waits for one that is running", async () => {
    const calls: string[][] = [];
    const changedTests = new Set<string>();
    const vitest = { watcher: { changedTests }, runningPromise: undefined as Promise<unknown> | undefined, rerunTestSpecifications: async (specs: { moduleId: string }[]) => void calls.push(names(specs)) };
    // no save pending: the loop's rerun starts, as a continuation
    rerunAsContinuation(vitest as never, [spec(files[3]!)]);
    expect(continuationPending()).toBe(true);
    await vi.waitFor(() => expect(calls).toEqual([[files[3]]]));
    expect(takeContinuation('rerun test')).toBe(true);
    // a save's run is due (vitest's watcher holds its file for 100 ms): the loop's files join it, and that run is the save's (the screen clears)
    changedTests.add(`${REPO_ROOT}${files[0]}`);
    rerunAsContinuation(vitest as never, [spec(files[3]!)]);
    await vi.waitFor(() => expect(changedTests.size).toBe(2));
    expect(calls).toHaveLength(1);
    expect(continuationPending()).toBe(false);
    changedTests.clear();
    // a save's run is under way: the loop's rerun waits for its end, and takes what that run adds
    let end!: () => void;
    vitest.runningPromise = new Promise<void>((resolve) => (end = resolve));
    rerunAsContinuation(vitest as never, [spec(files[1]!)]);
    // the save's run starts: it is no continuation of the loop's
    expect(takeContinuation('katas/07-order/order-dal.ts')).toBe(false);
    rerunAsContinuation(vitest as never, [spec(files[2]!), spec(files[1]!)]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toHaveLength(1);
    vitest.runningPromise = undefined;
    end();
    await vi.waitFor(() => expect(calls).toEqual([[files[3]], [files[1], files[2]]]));
    expect(takeContinuation('rerun test')).toBe(true);
  });

  it("runs its files itself when the save's run would not take them (npm start's filename pattern leaves another kata's changed files in vitest's watcher)", async () => {
    const calls: string[][] = [];
    // a file of another kata, changed: the pattern filters it out, and vitest leaves it in the set
    const changedTests = new Set<string>([`${REPO_ROOT}katas/01-user/5.2-dal.test.ts`]);
    const vitest = {
      watcher: { changedTests },
      runningPromise: undefined,
      filenamePattern: ['katas/07-order/'],
      globTestSpecifications: async () => files.map((file) => ({ moduleId: `${REPO_ROOT}${file}` })),
      rerunTestSpecifications: async (specs: { moduleId: string }[]) => void calls.push(names(specs)),
    };
    rerunAsContinuation(vitest as never, [spec(files[3]!)]);
    await vi.waitFor(() => expect(calls).toEqual([[files[3]]]));
    expect(changedTests.size).toBe(1);
    // a due save of this kata: the loop's files join it; if no run takes them, the loop runs them
    changedTests.add(`${REPO_ROOT}${files[0]}`);
    rerunAsContinuation(vitest as never, [spec(files[2]!)]);
    await vi.waitFor(() => expect(changedTests.has(`${REPO_ROOT}${files[2]}`)).toBe(true));
    await vi.waitFor(() => expect(calls).toEqual([[files[3]], [files[2]]]), { timeout: 2_000 });
    expect(changedTests.has(`${REPO_ROOT}${files[2]}`)).toBe(false);
  });
});
