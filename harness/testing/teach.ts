/** Pointers from a red test to the place in the lesson that explains it, and how a failure reads. */

/** "read katas/01-user/README.md, "Exercise 5.1" (stuck? npm run hint -- 01-user 5.1)." */
export function exercisePointer(kata: string, exercise: string): string {
  return `read katas/${kata}/README.md, "Exercise ${exercise}" (stuck? npm run hint -- ${kata} ${exercise}).`;
}

/** The sentence a red test ends with: where to read, for this kata and exercise. */
export function lessonFor(kata: string) {
  return {
    exercise: (exercise: string) => `→ Exercise ${exercise}: ${exercisePointer(kata, exercise)}`,
    section: (section: string) => `→ Read katas/${kata}/README.md, "${section}".`,
    /** a paragraph of a section, named by its bold opening words */
    paragraph: (section: string, paragraph: string) => `→ Read katas/${kata}/README.md, "${section}", the paragraph "${paragraph}".`,
    /** the doc comment of a member in one of the kata's stub files */
    stubComment: (file: string, member: string) => `→ Read the comment above ${member} in katas/${kata}/${file}.`,
  };
}

export type Lesson = ReturnType<typeof lessonFor>;

/** Lines of fast-check's own report that mean nothing to a student (harness/testing/properties.ts prints its own). */
const PROPERTY_REPORT_NOISE = [/^\{ seed: -?\d+, path: ".*", endOnFailure: true \}$/, /^Hint: Enable verbose mode/, /^Encountered failures were:$/];

/**
 * A failed test's first error as the guided loop shows it: the error's name when it says
 * something (TypeError, NotStarted), its message without fast-check's replay noise, then the
 * assertion's diff (expected vs received) when it has one.
 */
export function formatFailure(error: { name?: string; message?: string; diff?: string } | undefined): string {
  if (!error) return 'failed';
  const message = (error.message ?? '')
    .split('\n')
    .filter((line) => !PROPERTY_REPORT_NOISE.some((noise) => noise.test(line.trim())))
    .join('\n')
    .trim();
  const named = error.name && !['Error', 'AssertionError'].includes(error.name) ? `${error.name}: ${message}` : message;
  const diff = error.diff?.trim();
  if (!diff || named.includes(diff)) return named;
  // the diff belongs to the assertion: before a property's generated input and replay line
  const footer = named.indexOf(`\n\n${PROPERTY_FOOTER}`);
  return footer === -1 ? `${named}\n\n${diff}` : `${named.slice(0, footer)}\n\n${diff}${named.slice(footer)}`;
}

/** How harness/testing/properties.ts starts the part it adds under a failed property's message. */
export const PROPERTY_FOOTER = 'Generated input (';
