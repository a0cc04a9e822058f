/** A test's own message survives a promise that settles the other way (setup.ts registers it). */
import { describe, expect, it } from 'vitest';
import { isNotStarted, notImplemented } from '../not-started.ts';

const failureOf = (assertion: () => PromiseLike<unknown>) => Promise.resolve(assertion()).then(() => undefined, (error: unknown) => error as Error);

describe('expect(promise, message).rejects / .resolves', () => {
  it('keeps the message when the promise resolves instead of rejecting, before vitest\'s own line', async () => {
    const error = await failureOf(() => expect(Promise.resolve([{ method: 'cancelOrder' }]), 'The handler must throw an Error that names the number.').rejects.toThrow('A-1'));
    expect(error?.message).toBe('The handler must throw an Error that names the number.\n\n(What happened: the handler finished without an error (its DAL calls: this.dal.cancelOrder()) instead of throwing.)');
    const value = await failureOf(() => expect(Promise.resolve({ outcome: 'stored' }), 'It must fail.').rejects.toThrow());
    expect(value?.message).toBe("It must fail.\n\n(What happened: it finished without an error, returning { outcome: 'stored' }, instead of throwing.)");
    const nothing = await failureOf(() => expect(Promise.resolve(undefined), 'It must throw.').rejects.toThrow());
    expect(nothing?.message).toBe('It must throw.\n\n(What happened: it finished without an error (it returned nothing) instead of throwing.)');
  });

  it('keeps the message when the promise rejects instead of resolving, after .not too', async () => {
    const resolves = await failureOf(() => expect(Promise.reject(new Error('boom')), 'insertItems must store them.').resolves.toBeUndefined());
    expect(resolves?.message).toMatch(/^insertItems must store them\.\n\n\(What happened: it threw .*boom.* instead of finishing\.\)$/);
    const not = await failureOf(() => expect(Promise.resolve(1), 'must fail').rejects.not.toThrow('x'));
    expect(not?.message).toBe('must fail\n\n(What happened: it finished without an error, returning 1, instead of throwing.)');
  });

  it('leaves passing assertions and messages of the matcher itself alone', async () => {
    await expect(Promise.reject(new Error('Data too long')), 'lesson').rejects.toThrow(/too long/);
    const error = await failureOf(() => expect(Promise.reject(new Error('other')), 'lesson').rejects.toThrow(/too long/));
    expect(error?.message).toBe("lesson\n\n(The check: expected [Function] to throw error matching /too long/ but got 'other')");
  });
});

describe('expect(stub()).rejects', () => {
  it('fails with the stub\'s NotStarted: a test that expects an error never passes on an exercise not written yet', async () => {
    const stub = async () => {
      throw notImplemented('04-product', '5.3', 'ProductDAL.replaceVariants');
    };
    const error = await failureOf(() => expect(stub(), 'the error must reach the caller').rejects.toThrow());
    expect(isNotStarted(error)).toBe(true);
    const withFunction = await failureOf(() => expect(stub).rejects.toThrow());
    expect(isNotStarted(withFunction)).toBe(true);
  });
});

describe('expect(stub()).rejects with a named error', () => {
  it('is left alone: a test may expect the NotStarted itself', async () => {
    await expect(Promise.reject(notImplemented('01-user', '5.2', 'UserDAL.insertUser'))).rejects.toThrow(/not implemented yet/);
  });
  it("fails with the stub's NotStarted when the matcher names another error (not with 'expected /Data too long/ but got not implemented')", async () => {
    const stub = async () => {
      throw notImplemented('07-order', '5.4', 'OrderConsumer.getHandlers');
    };
    const error = await failureOf(() => expect(stub(), 'the handler must fail too').rejects.toThrow(/Data too long/));
    expect(isNotStarted(error)).toBe(true);
  });
});
