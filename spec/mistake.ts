/**
 * A catalogued mistake: one small deliberate bug applied over a reference solution, written as
 * exact search-and-replace edits so it stays readable and breaks loudly if the reference drifts.
 * spec/mistakes/<kata>/<name>/mistake.ts default-exports one.
 */
export type Mistake = {
  /** what the student got wrong, in the words a reviewer would use */
  summary: string;
  /** the exercise whose suite must catch it ('5.1', '5.2', '5.3'): at least one of its tests fails */
  caughtBy: string;
  /**
   * Other exercises whose suites may fail too, because they build on this one: a 5.1 table
   * mistake may fail 5.2, whose tests run on the student's table. Nothing else may fail (the
   * end-to-end suite excepted, which proves all the pieces together): a red test must blame
   * the exercise that holds the mistake.
   */
  mayAlsoFail?: readonly string[];
  /** the solution file to change, relative to spec/solutions/<kata>/ */
  file: string;
  /** each `find` must occur exactly once in that file */
  edits: readonly { find: string; replace: string }[];
};

export function applyMistake(source: string, mistake: Mistake, where: string): string {
  let result = source;
  for (const { find, replace } of mistake.edits) {
    const count = result.split(find).length - 1;
    if (count !== 1) {
      throw new Error(`${where}: expected the text to change to occur exactly once in ${mistake.file}, found it ${count} times:\n${find}`);
    }
    result = result.replace(find, () => replace);
  }
  return result;
}
