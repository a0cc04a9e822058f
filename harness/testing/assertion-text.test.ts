/** A test's own message stands apart from vitest's sentence (assertion-text.ts; setup.ts registers it). */
import { describe, expect, it } from 'vitest';

const failureOf = (assertion: () => unknown) => {
  try {
    assertion();
  } catch (error) {
    return error as Error & { showDiff?: boolean };
  }
  throw new Error('the assertion passed');
};

describe("a failed check's message", () => {
  it('on a boolean is the test\'s message alone, without "expected false to be true" or its diff', () => {
    const error = failureOf(() => expect(false, 'The row should be there (read: README section 5.2).').toBe(true));
    expect(error.message).toBe('The row should be there (read: README section 5.2).');
    expect(error.showDiff).toBe(false);
    expect(error.stack?.split('\n')[0]).toBe('AssertionError: The row should be there (read: README section 5.2).');
  });

  it('with a diff is the test\'s message, and the diff (not "expected [] to deeply equal [ …(2) ]")', () => {
    const error = failureOf(() => expect([], 'The rows should be these.').toEqual([{ a: 1 }, { b: 2 }]));
    expect(error.message).toBe('The rows should be these.');
    expect(error.showDiff).not.toBe(false);
  });

  it("without a diff keeps vitest's sentence, on a line of its own", () => {
    const error = failureOf(() => expect('abc', 'It should name the order.').toContain('x'));
    expect(error.message).toBe("It should name the order.\n\n(The check: expected 'abc' to contain 'x')");
  });

  it('without a message of the test is vitest\'s own', () => {
    expect(failureOf(() => expect(false).toBe(true)).message).toBe('expected false to be true // Object.is equality');
  });
});
