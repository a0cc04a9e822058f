/**
 * fast-check generators of timestamps that are well formed (they match ISO 8601's shape) but name
 * a date or time that does not exist: February 30th, month 13, 25:00, minute 61, year 0000, an
 * offset of +24:00. Python's datetime.fromisoformat() refuses every one; a parser built on
 * Date.UTC() silently moves them to another day unless it checks the parts itself.
 */
import fc from 'fast-check';

export type ImpossibleTimestamp = {
  /** the text, e.g. '2023-02-29T10:00:00.000001+01:00' */
  iso: string;
  /** which part does not exist, for the failure message: 'February 2023 has 28 days, not 29' */
  why: string;
};

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

type Parts = { year: number; month: number; day: number; hour: number; minute: number; second: number; fraction: string; zone: string };

const iso = (p: Parts) => `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${p.fraction}${p.zone}`;

/** A valid date and time; each impossible timestamp breaks exactly one of its parts. */
const validParts = fc
  .record({
    year: fc.integer({ min: 1971, max: 2099 }),
    month: fc.integer({ min: 1, max: 12 }),
    dayFraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    fraction: fc.constantFrom('', '.5', '.123', '.000001', '.654321'),
    zone: fc.constantFrom('Z', '+00:00', '+05:30', '-08:00', '+14:00', ''),
  })
  .map(({ dayFraction, ...rest }): Parts => ({ ...rest, day: 1 + Math.floor(dayFraction * daysInMonth(rest.year, rest.month)) }));

export const impossibleTimestamp = (): fc.Arbitrary<ImpossibleTimestamp> =>
  fc.oneof(
    // a day past the end of its month (February 29th of a common year included)
    fc.tuple(validParts, fc.integer({ min: 1, max: 68 })).map(([p, past]) => {
      const last = daysInMonth(p.year, p.month);
      const day = Math.min(last + past, 99);
      return { iso: iso({ ...p, day }), why: `${MONTH_NAMES[p.month - 1]} ${p.year} has ${last} days, not ${day}` };
    }),
    fc.tuple(validParts, fc.constantFrom(0, 13, 14, 20, 45, 99)).map(([p, month]) => ({ iso: iso({ ...p, month, day: Math.min(p.day, 28) }), why: `there is no month ${month}` })),
    validParts.map((p) => ({ iso: iso({ ...p, day: 0 }), why: 'there is no day 0' })),
    fc.tuple(validParts, fc.integer({ min: 24, max: 99 })).map(([p, hour]) => ({ iso: iso({ ...p, hour }), why: `there is no hour ${hour} (hours run 00-23)` })),
    fc.tuple(validParts, fc.integer({ min: 60, max: 99 })).map(([p, minute]) => ({ iso: iso({ ...p, minute }), why: `there is no minute ${minute} (minutes run 00-59)` })),
    fc.tuple(validParts, fc.integer({ min: 60, max: 99 })).map(([p, second]) => ({ iso: iso({ ...p, second }), why: `there is no second ${second} (seconds run 00-59)` })),
    validParts.map((p) => ({ iso: iso({ ...p, year: 0, day: Math.min(p.day, 28) }), why: 'there is no year 0000 (the calendar starts at 0001)' })),
    fc.tuple(validParts, fc.integer({ min: 24, max: 99 }), fc.constantFrom('+', '-')).map(([p, hours, sign]) => ({
      iso: iso({ ...p, zone: `${sign}${pad(hours)}:00` }),
      why: `there is no UTC offset of ${sign}${pad(hours)}:00 (offsets stay within ±23:59)`,
    })),
  );
