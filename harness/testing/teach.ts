/** Pointers from a red test to the place in the lesson that explains it. */

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

export { formatFailure, PROPERTY_FOOTER } from '../results/format-failure.ts';
