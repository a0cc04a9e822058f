/**
 * fast-check building blocks shared by every domain's arbitraries: ids, awkward text, and
 * timestamps that come with the exact value MySQL must end up holding.
 */
import fc from 'fast-check';
import { isoTimestamp, sqlDateTimeUtc } from './time.ts';

export const objectId = (): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 24, maxLength: 24 });

export const eventId = (): fc.Arbitrary<string> => fc.uuid({ version: 4 });

/** Characters that break naive SQL or naive encodings; mixed into every generated string. */
const awkward = fc.constantFrom("'", '"', '\\', '`', '%', '_', ';', '--', '\n', '\t', ' ', 'é', 'ß', '中', '😀', '🧑‍💻', '𝄞');

const printableAscii = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code));
/**
 * Any Unicode scalar value, control characters and 4-byte planes included (lone surrogates are
 * not text). Offset so that shrinking ends on 'a' rather than on an invisible NUL: a failing
 * property's counterexample stays readable.
 */
const anyCodePoint = fc
  .integer({ min: 0, max: 0x10ffff })
  .map((n) => (n + 0x61) % 0x110000)
  .filter((code) => code < 0xd800 || code > 0xdfff)
  .map((code) => String.fromCodePoint(code));

/**
 * Text of up to maxLength characters (code points): quotes, backslashes, control characters and
 * 4-byte emoji included. Mostly short, and now and then exactly maxLength long, so that a column
 * one character too narrow is found.
 */
export const text = (maxLength: number, minLength = 0): fc.Arbitrary<string> => {
  const unit = fc.oneof({ weight: 3, arbitrary: printableAscii }, { weight: 1, arbitrary: awkward }, { weight: 1, arbitrary: anyCodePoint });
  // some units are several code points ('--', emoji sequences): cut back to the column size
  const short = fc.string({ unit, minLength, maxLength }).map((value) => [...value].slice(0, maxLength).join(''));
  const full = fc
    .string({ unit, minLength: 1, maxLength: 8 })
    .map((seed) => [...seed.repeat(Math.ceil(maxLength / [...seed].length))].slice(0, maxLength).join(''));
  return maxLength === 0 ? fc.constant('') : fc.oneof({ weight: 9, arbitrary: short }, { weight: 1, arbitrary: full });
};

/** A nullable value: null about a quarter of the time. */
export const nullable = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | null> => fc.option(arbitrary, { nil: null, freq: 4 });

export type OptionalField<T> = { present: boolean; value: T | null };

/** An optional document field: present with a value, present as null, or missing altogether. */
export const optional = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<OptionalField<T>> =>
  fc.oneof(
    { weight: 3, arbitrary: arbitrary.map((value) => ({ present: true, value })) },
    { weight: 1, arbitrary: fc.constant({ present: true, value: null }) },
    { weight: 1, arbitrary: fc.constant({ present: false, value: null }) },
  );

/** Sets target[key] only when the generated field is present: a missing field stays missing. */
export function put<T>(target: Record<string, unknown>, key: string, field: OptionalField<T>): void {
  if (field.present) target[key] = field.value;
}

/** A nested object that may be missing, null, or present with generated (optional) fields. */
export const nested = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof(
    { weight: 4, arbitrary: arbitrary.map((value) => ({ kind: 'present' as const, value })) },
    { weight: 1, arbitrary: fc.constant({ kind: 'missing' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'null' as const }) },
  );

export type Nested<T> = { kind: 'present'; value: T } | { kind: 'missing' } | { kind: 'null' };

/** Builds the object from its optional fields, or leaves it missing/null; returns each field's stored value. */
export function assemble<K extends string>(target: Record<string, unknown>, key: string, generated: Nested<Record<K, OptionalField<string>>>): Record<K, string | null> | undefined {
  if (generated.kind === 'null') target[key] = null;
  if (generated.kind !== 'present') return undefined;
  const object: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(generated.value) as [string, OptionalField<string>][]) put(object, name, value);
  target[key] = object;
  return Object.fromEntries(Object.entries(generated.value).map(([name, value]) => [name, (value as OptionalField<string>).value])) as Record<K, string | null>;
}

export type GeneratedTimestamp = {
  /** as the backend sends it, e.g. '2024-01-15T16:00:00.123456+05:30' */
  iso: string;
  /** what DATETIME(6) must hold, in UTC, e.g. '2024-01-15 10:30:00.123456' */
  sql: string;
};

const MIN_MICROS = Date.UTC(1971, 0, 1) * 1000;
const MAX_MICROS = Date.UTC(2099, 11, 31) * 1000;
const offsets = fc.oneof(fc.constant(0), fc.integer({ min: -12 * 4, max: 14 * 4 }).map((quarter) => quarter * 15), fc.constantFrom(-480, 330, 345, -210));

/**
 * Timestamps with 0, 3 or 6 fraction digits, Z or ±hh:mm offsets (India's +05:30 and Nepal's
 * +05:45 included), paired with the UTC value a correct parser stores.
 */
export const timestamp = (): fc.Arbitrary<GeneratedTimestamp> =>
  fc
    .record({
      micros: fc.integer({ min: MIN_MICROS, max: MAX_MICROS }),
      offsetMinutes: offsets,
      fractionDigits: fc.constantFrom(0 as const, 3 as const, 6 as const, 6 as const),
      zulu: fc.boolean(),
    })
    .map(({ micros, offsetMinutes, fractionDigits, zulu }) => {
      const truncated = micros - (micros % 10 ** (6 - fractionDigits));
      return { iso: isoTimestamp(truncated, { offsetMinutes, fractionDigits, zulu }), sql: sqlDateTimeUtc(truncated) };
    });

/** A DATETIME(6) value as the DAL receives it: 'YYYY-MM-DD HH:MM:SS.ffffff'. */
export const sqlDateTime = (): fc.Arbitrary<string> => fc.integer({ min: MIN_MICROS, max: MAX_MICROS }).map(sqlDateTimeUtc);
