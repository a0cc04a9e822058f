/**
 * The hint ladder: katas/<kata>/hints.md holds three hints per exercise (## <exercise>, then
 * ### 1., ### 2., ### 3.); .kata/hints.json remembers how many of each the learner has seen.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kata } from '../../curriculum.ts';
import { readState, REPO_ROOT, writeState } from './state.ts';

export type Hint = { level: number; title: string; body: string };

export function hintsOf(kata: Kata, exercise: string): Hint[] {
  const file = join(REPO_ROOT, 'katas', kata.id, 'hints.md');
  // kata 00 has nothing to solve, so no hints file
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const section = text.split(/^## /m).find((part) => part.startsWith(`${exercise}\n`));
  if (!section) return [];
  return section
    .split(/^### /m)
    .slice(1)
    .map((part) => {
      const [heading = '', ...body] = part.split('\n');
      const match = /^(\d+)\.\s*(.*)$/.exec(heading.trim());
      return { level: Number(match?.[1] ?? 0), title: match?.[2] ?? heading, body: body.join('\n').trim() };
    });
}

type Revealed = Record<string, number>;
const FILE = 'hints.json';

export function revealedCount(kata: Kata, exercise: string): number {
  return readState<Revealed>(FILE, {})[`${kata.id}/${exercise}`] ?? 0;
}

/** Reveals one more hint (up to the last); returns every hint revealed so far. */
export function revealNext(kata: Kata, exercise: string): { shown: Hint[]; total: number; isNew: boolean } {
  const hints = hintsOf(kata, exercise);
  const revealed = readState<Revealed>(FILE, {});
  const key = `${kata.id}/${exercise}`;
  const before = revealed[key] ?? 0;
  const now = Math.min(before + 1, hints.length);
  revealed[key] = now;
  writeState(FILE, revealed);
  return { shown: hints.slice(0, now), total: hints.length, isNew: now > before };
}

export function resetHints(kata: Kata): void {
  const revealed = readState<Revealed>(FILE, {});
  for (const key of Object.keys(revealed)) if (key.startsWith(`${kata.id}/`)) delete revealed[key];
  writeState(FILE, revealed);
}
