/**
 * Runs code under several machine time zones in turn. Node re-reads process.env.TZ when it is
 * assigned, so one test can prove that a result does not depend on where the student's machine is.
 */

/** UTC, a negative offset with daylight saving, and a half-hour positive offset. */
export const TIME_ZONES = ['UTC', 'America/Los_Angeles', 'Asia/Kolkata'] as const;

export async function inEachTimeZone(fn: (zone: string) => Promise<void> | void, zones: readonly string[] = TIME_ZONES): Promise<void> {
  const original = process.env.TZ;
  try {
    for (const zone of zones) {
      process.env.TZ = zone;
      await fn(zone);
    }
  } finally {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  }
}
