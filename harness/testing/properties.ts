/**
 * fast-check's assert, with one difference for students: when the property fails only because a
 * stub is not written yet, the test reports that plainly ("NotStarted: exercise 5.2 ...")
 * instead of a counterexample that means nothing yet.
 */
import fc from 'fast-check';
import { isNotStarted } from '../not-started.ts';

export async function assertProperty<Ts>(property: fc.IAsyncProperty<Ts> | fc.IProperty<Ts>, parameters?: fc.Parameters<Ts>): Promise<void> {
  try {
    await fc.assert(property, parameters);
  } catch (error) {
    const notStarted = findNotStarted(error);
    if (notStarted) throw notStarted;
    throw error;
  }
}

function findNotStarted(error: unknown): Error | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if (isNotStarted(current)) return current;
  }
  return undefined;
}
