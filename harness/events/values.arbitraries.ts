/**
 * fast-check generators for two kinds of value later katas store: money as DECIMAL text, and
 * free-form JSON documents (for JSON columns). Shared by every domain that has them.
 */
import fc from 'fast-check';
import type { DecimalText, JsonValue } from './values.ts';
import { text } from './arbitraries.ts';

/**
 * Decimal text that fits DECIMAL(precision, scale) exactly, as mysql2 returns such a column:
 * '0.00', '24.50', '99999999.99' (for 10,2). Mostly everyday amounts, now and then 0 or the
 * largest value the column holds, so that a column too small or of the wrong type is found.
 */
export const decimalText = (precision = 10, scale = 2): fc.Arbitrary<DecimalText> => {
  const largest = 10 ** precision - 1; // in units of the last digit: 9999999999 for (10,2)
  const units = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0, max: Math.min(largest, 100_000) }) },
    { weight: 2, arbitrary: fc.integer({ min: 0, max: largest }) },
    { weight: 1, arbitrary: fc.constantFrom(0, 1, 10 ** scale, largest) },
  );
  return units.map((value) => formatUnits(value, scale));
};

/** 2450 units of 0.01 -> '24.50'. */
export function formatUnits(units: number, scale: number): DecimalText {
  if (scale === 0) return String(units);
  const digits = String(units).padStart(scale + 1, '0');
  return `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/**
 * Keys of free-form documents: everyday names, unicode ('größe', '颜色', an emoji), quotes and
 * backslashes, the empty key, and generated text. Never '__proto__', which JavaScript objects
 * treat specially.
 */
const jsonKey: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 2, arbitrary: fc.constantFrom('material', 'weight_g', 'color', 'size', 'Farbe', 'größe', '颜色', '🎨 finish', 'care instructions', "it's", 'say "hi"', 'back\\slash', '') },
    { weight: 1, arbitrary: text(20, 1) },
  )
  .filter((key) => key !== '__proto__');

/**
 * Leaves that read back as the same value on every server: MySQL stores a JSON document in a
 * binary form and prints numbers its own way, so numbers stay within what any printing keeps
 * exact (whole numbers, and at most two decimals).
 */
const jsonLeaf: fc.Arbitrary<JsonValue> = fc.oneof(
  { weight: 3, arbitrary: text(40) },
  { weight: 1, arbitrary: fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }) },
  { weight: 1, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }).map((hundredths) => hundredths / 100) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

const { value: jsonValue } = fc.letrec<{ value: JsonValue; array: JsonValue[]; object: { [key: string]: JsonValue } }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, jsonLeaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(jsonKey, tie('value'), { maxKeys: 4, noNullPrototype: true }),
}));

/** A free-form JSON object as the backend sends one: nested objects and arrays, unicode keys, empty now and then. */
export const jsonObject = (): fc.Arbitrary<{ [key: string]: JsonValue }> => fc.dictionary(jsonKey, jsonValue, { maxKeys: 6, noNullPrototype: true });

/**
 * JSON text of a document, written the ways a client may write it (compact, indented, keys in
 * another order): the server may keep the text (MariaDB) or rewrite it (MySQL), and a correct
 * DAL stores the same document either way.
 */
export const jsonText = (document: fc.Arbitrary<JsonValue>): fc.Arbitrary<string> =>
  fc.tuple(document, fc.constantFrom('compact', 'indented', 'reversed')).map(([value, style]) =>
    style === 'compact' ? JSON.stringify(value) : style === 'indented' ? JSON.stringify(value, null, 2) : JSON.stringify(reverseKeys(value)),
  );

function reverseKeys(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reverseKeys(inner)]));
}
