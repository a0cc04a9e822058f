/** Looking katas, exercises and a kata's suite files up, with errors that list the valid names. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { curriculum, type Exercise, type Kata } from '../../curriculum.ts';
import { REPO_ROOT } from './state.ts';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function findKata(id: string | undefined): Kata {
  const valid = curriculum.map((kata) => kata.id).join(', ');
  if (!id) throw new UsageError(`Name a kata: ${valid}`);
  // accept '01-user', '01', 'user' and 'katas/01-user/'
  const wanted = id.replace(/^katas\//, '').replace(/\/$/, '');
  const kata = curriculum.find((entry) => entry.id === wanted || entry.id.split('-')[0] === wanted || entry.id.split('-').slice(1).join('-') === wanted);
  if (!kata) throw new UsageError(`Unknown kata "${id}". Valid katas: ${valid}`);
  return kata;
}

export function findExercise(kata: Kata, id: string): Exercise {
  const exercise = kata.exercises.find((entry) => entry.id === id);
  if (!exercise) throw new UsageError(`Kata ${kata.id} has no exercise "${id}". Its exercises: ${kata.exercises.map((e) => e.id).join(', ')}`);
  return exercise;
}


/**
 * A kata folder's suite files (its *.test.ts), repository-relative (`katas/01-user/5.2-dal.test.ts`)
 * and sorted: the one list that progress (an exercise with a file not run yet is not done) and the
 * loop gate (an end-to-end file waits for the others) both read.
 */
export function suiteFilesOf(kataFolder: string): string[] {
  const folder = kataFolder.replace(/\/$/, '');
  const absolute = join(REPO_ROOT, folder);
  if (!existsSync(absolute)) return [];
  return readdirSync(absolute)
    .filter((name) => name.endsWith('.test.ts'))
    .sort()
    .map((name) => `${folder}/${name}`);
}
