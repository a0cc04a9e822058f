/**
 * Where a kata teaches what the harness itself catches, whatever the test: a borrowed connection
 * never given back, a transaction whose statements do not all run on its own connection, an error
 * swallowed, a row stored again (a redelivery) that fails on its key, a child table created before
 * its parent. A red test points at its
 * own kata's paragraph when the kata has one (kata 04 teaches transactions in exercise 5.3, kata
 * 07 teaches the `db` argument), else at the course's first (a missing await: kata 01's DAL).
 */
import { expect } from 'vitest';
import { exerciseOfFile, kataOfFile } from '../results/outcomes.ts';
import { lessonFor } from './teach.ts';

export type ConnectionTopic = 'borrowed' | 'transaction' | 'failures' | 'redelivery' | 'await' | 'parent-child' | 'placeholders';

type Place = { kata: string; from: string; topic: ConnectionTopic; section: string; paragraph: string };

/** Each entry holds for its kata's tests of exercise `from` and later. */
const PLACES: readonly Place[] = [
  { kata: '04-product', from: '5.3', topic: 'borrowed', section: 'Exercise 5.3', paragraph: 'Borrowed connections go back' },
  { kata: '04-product', from: '5.3', topic: 'transaction', section: 'Exercise 5.3', paragraph: 'Transactions' },
  { kata: '04-product', from: '5.3', topic: 'failures', section: 'Exercise 5.3', paragraph: 'Transactions' },
  { kata: '04-product', from: '5.2', topic: 'redelivery', section: 'Exercise 5.2', paragraph: 'Why the upsert, and not `REPLACE INTO` or `DELETE` + `INSERT`?' },
  { kata: '04-product', from: '5.3', topic: 'redelivery', section: 'Exercise 5.3', paragraph: 'Business context' },
  { kata: '07-order', from: '5.2', topic: 'redelivery', section: 'Exercise 5.2', paragraph: 'Which columns an upsert may move' },
  { kata: '07-order', from: '5.3', topic: 'redelivery', section: 'Exercise 5.3', paragraph: 'Idempotent under redelivery' },
  { kata: '07-order', from: '5.4', topic: 'redelivery', section: 'Exercise 5.3', paragraph: 'Idempotent under redelivery' },
  { kata: '07-order', from: '5.2', topic: 'transaction', section: 'Exercise 5.2', paragraph: 'The `db` argument' },
  { kata: '07-order', from: '5.3', topic: 'transaction', section: 'Exercise 5.3', paragraph: 'One item, one INSERT' },
  { kata: '07-order', from: '5.4', topic: 'transaction', section: 'Exercise 5.4', paragraph: 'One handler, one transaction' },
  { kata: '07-order', from: '5.4', topic: 'failures', section: 'Exercise 5.4', paragraph: 'Let failures through' },
  // a missing await: each kata's DAL exercise says it again, in one line
  ...(['02-supplier', '04-product', '05-post', '07-order'] as const).map((kata) => ({ kata, from: '5.2', topic: 'await' as const, section: 'Exercise 5.2', paragraph: 'Await every statement' })),
  // kata 07's items: the loop of INSERTs and its forEach(async ...) trap are 5.3's own paragraph
  { kata: '07-order', from: '5.3', topic: 'await', section: 'Exercise 5.3', paragraph: 'One item, one INSERT' },
  // SQL the server cannot read (a value pasted into the text, most often): each kata's DAL exercise
  ...(['02-supplier', '04-product', '05-post', '07-order'] as const).map((kata) => ({ kata, from: '5.2', topic: 'placeholders' as const, section: 'Exercise 5.2', paragraph: 'Placeholders, never pasted values' })),
  { kata: '04-product', from: '5.1', topic: 'parent-child', section: '3. Schema deep dive', paragraph: 'Parent and child' },
  { kata: '07-order', from: '5.1', topic: 'parent-child', section: '3. Schema deep dive', paragraph: 'Parent and child, as in kata 04' },
];

/** Where a kata that has no paragraph of its own on the topic sends the student. */
const COURSE_DEFAULT: Readonly<Record<ConnectionTopic, Omit<Place, 'from' | 'topic'>>> = {
  borrowed: { kata: '01-user', section: 'Exercise 5.2', paragraph: 'Borrowed connections go back' },
  transaction: { kata: '04-product', section: 'Exercise 5.3', paragraph: 'Transactions' },
  failures: { kata: '01-user', section: 'Exercise 5.3', paragraph: 'Let failures through' },
  redelivery: { kata: '01-user', section: 'Exercise 5.2', paragraph: 'Business context' },
  await: { kata: '01-user', section: 'Exercise 5.2', paragraph: 'Await every statement' },
  'parent-child': { kata: '04-product', section: '3. Schema deep dive', paragraph: 'Parent and child' },
  placeholders: { kata: '01-user', section: 'Exercise 5.2', paragraph: 'Placeholders, never pasted values' },
};

/** The lesson pointer for a topic, for a test of this kata and exercise. */
export function connectionLesson(topic: ConnectionTopic, where: { kata?: string; exercise?: string } = currentTest()): string {
  const own = PLACES.filter((place) => place.topic === topic && place.kata === where.kata && where.exercise !== undefined && place.from <= where.exercise).at(-1);
  const place = own ?? COURSE_DEFAULT[topic];
  return lessonFor(place.kata).paragraph(place.section, place.paragraph);
}

/** The kata and exercise of the test running now (from its file's name), if any. */
export function currentTest(): { kata?: string; exercise?: string } {
  let path: string | undefined;
  try {
    path = expect.getState().testPath;
  } catch {
    return {};
  }
  if (!path) return {};
  const kata = kataOfFile(path);
  return { kata: kata?.id, exercise: kata && exerciseOfFile(kata, path)?.id };
}
