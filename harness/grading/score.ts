/**
 * Partial credit: each kata's points (curriculum.ts) are split evenly over its exercises, and an
 * exercise earns its share in proportion to its passing tests.
 */
import { curriculum } from '../../curriculum.ts';
import type { Progress } from '../results/tally.ts';

export type ExerciseGrade = { kata: string; exercise: string; title: string; passed: number; total: number; points: number; max: number };
export type Grade = { score: number; max: number; exercises: ExerciseGrade[] };

const round = (value: number) => Math.round(value * 100) / 100;

export function grade(results: Progress): Grade {
  const exercises: ExerciseGrade[] = [];
  for (const kata of curriculum) {
    const share = kata.points / kata.exercises.length;
    for (const exercise of kata.exercises) {
      const result = results[kata.id]?.[exercise.id] ?? { passed: 0, total: 0 };
      const points = result.total === 0 ? 0 : (share * result.passed) / result.total;
      exercises.push({ kata: kata.id, exercise: exercise.id, title: exercise.title, passed: result.passed, total: result.total, points, max: share });
    }
  }
  const score = exercises.reduce((sum, e) => sum + e.points, 0);
  const max = curriculum.reduce((sum, kata) => sum + kata.points, 0);
  // totals from the exact shares; only what is shown is rounded
  return { score: round(score), max, exercises: exercises.map((e) => ({ ...e, points: round(e.points), max: round(e.max) })) };
}

export function gradeMarkdown(result: Grade, tampering: string[]): string {
  const lines = ['## Kata grade', '', `**${result.score} / ${result.max} points**`, '', '| Kata | Exercise | Tests passed | Points |', '|---|---|---|---|'];
  for (const e of result.exercises) {
    if (e.max === 0) continue;
    lines.push(`| ${e.kata} | ${e.exercise} ${e.title} | ${e.total === 0 ? 'did not run' : `${e.passed}/${e.total}`} | ${e.points} / ${e.max} |`);
  }
  if (tampering.length > 0) {
    lines.push('', '### Graded files that differ from the template', '', ...tampering.map((line) => `- ${line}`));
  }
  return lines.join('\n') + '\n';
}
