/**
 * What a stub throws until the student writes it. The test output then reads
 * "NotStarted: exercise 5.2 ..." with the stub's own line underneath, instead of a crash.
 */
export class NotStartedError extends Error {
  declare readonly kata: string;
  declare readonly exercise: string;
  declare readonly what: string;
  constructor(kata: string, exercise: string, what: string) {
    super(
      `not implemented yet: exercise ${exercise}, ${what}.\n` +
        `Replace the \`throw notImplemented(...)\` line with your code. ` +
        `The lesson: katas/${kata}/README.md, "Exercise ${exercise}".`,
    );
    this.name = 'NotStarted';
    // not enumerable: the test report would print them again under the message
    Object.defineProperties(this, {
      kata: { value: kata, enumerable: false },
      exercise: { value: exercise, enumerable: false },
      what: { value: what, enumerable: false },
    });
  }
}

/** Use as `throw notImplemented('01-user', '5.2', 'UserDAL.insertUser')` in a stub. */
export function notImplemented(kata: string, exercise: string, what: string): NotStartedError {
  const error = new NotStartedError(kata, exercise, what);
  // start the stack at the stub's line, so the code frame shows the student's own file
  Error.captureStackTrace(error, notImplemented);
  return error;
}

export function isNotStarted(error: unknown): error is NotStartedError {
  return error instanceof Error && error.name === 'NotStarted';
}
