/** A test's own message survives a promise that settles the other way (setup.ts registers it). */
import { describe, expect, it } from 'vitest';

const failureOf = (assertion: () => PromiseLike<unknown>) => Promise.resolve(assertion()).then(() => undefined, (error: unknown) => error as Error);

describe('expect(promise, message).rejects / .resolves', () => {
  it('keeps the message when the promise resolves instead of rejecting, before vitest\'s own line', async () => {
    const error = await failureOf(() => expect(Promise.resolve([{ method: 'cancelOrder' }]), 'The handler must throw an Error that names the number.').rejects.toThrow('A-1'));
    expect(error?.message).toMatch(/^The handler must throw an Error that names the number\.\n\n\(promise resolved .* instead of rejecting\)$/s);
  });

  it('keeps the message when the promise rejects instead of resolving, after .not too', async () => {
    const resolves = await failureOf(() => expect(Promise.reject(new Error('boom')), 'insertItems must store them.').resolves.toBeUndefined());
    expect(resolves?.message).toMatch(/^insertItems must store them\.\n\n\(promise rejected/);
    const not = await failureOf(() => expect(Promise.resolve(1), 'must fail').rejects.not.toThrow('x'));
    expect(not?.message).toMatch(/^must fail\n\n\(promise resolved "1"/);
  });

  it('leaves passing assertions and messages of the matcher itself alone', async () => {
    await expect(Promise.reject(new Error('Data too long')), 'lesson').rejects.toThrow(/too long/);
    const error = await failureOf(() => expect(Promise.reject(new Error('other')), 'lesson').rejects.toThrow(/too long/));
    expect(error?.message).toBe("lesson: expected [Function] to throw error matching /too long/ but got 'other'");
  });
});
