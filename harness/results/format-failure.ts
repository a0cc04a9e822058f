/**
 * How a failed test's first error reads in the guided loop and the progress tools: the error's
 * name when it says something, its message without fast-check's replay noise, and the
 * assertion's diff. A pure function of the error (harness/testing/properties.ts writes the
 * property reports it knows how to place the diff in).
 */

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
