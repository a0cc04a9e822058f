/** Pointers from a red test to the place in the lesson that explains it. */

/** "katas/01-user/README.md, Exercise 5.1 (hints at the end of the exercise)" */
export function exercisePointer(kata: string, exercise: string): string {
  return `read katas/${kata}/README.md, "Exercise ${exercise}" (its hints are at the end of the exercise).`;
}

/** The sentence a red test ends with: where to read, for this kata and exercise. */
export function lessonFor(kata: string) {
  return {
    exercise: (exercise: string) => `→ Exercise ${exercise}: ${exercisePointer(kata, exercise)}`,
    section: (section: string) => `→ Read katas/${kata}/README.md, "${section}".`,
  };
}
