/**
 * Katas 02, 04, 05 and 07 call kata 01's parseTimestamp(). While it is still a stub, a later
 * kata's handler fails with kata 01's NotStarted, which reads as if this kata's exercise were at
 * fault. This says so in one line up front: which exercise of which kata to finish first.
 */
import { curriculum, type Kata } from '../../curriculum.ts';
import { isNotStarted, type NotStartedError } from '../not-started.ts';
import { currentTest } from './lesson-places.ts';

/** The error, with one line first when it is the NotStarted of a kata other than the test's own. */
export function explainEarlierKata(error: unknown, testKata = currentTest().kata): unknown {
  if (!isNotStarted(error) || !testKata) return error;
  const stub = error as NotStartedError;
  if (!stub.kata || stub.kata === testKata || error.message.startsWith('Finish kata')) return error;
  const need = (curriculum as readonly Kata[]).find((kata) => kata.id === testKata)?.requires?.find((requirement) => requirement.kata === stub.kata);
  const before = error.message;
  error.message =
    `Finish kata ${stub.kata}, exercise ${stub.exercise} first: this kata calls ${need?.what ?? stub.what}, which is not written yet (npm test -- katas/${stub.kata}/).\n` +
    before;
  if (error.stack?.startsWith(`${error.name}: ${before}`)) error.stack = `${error.name}: ${error.message}${error.stack.slice(error.name.length + 2 + before.length)}`;
  return error;
}
