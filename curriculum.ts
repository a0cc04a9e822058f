/**
 * The course, in order: one entry per kata. Tools read this one list (the test projects, the
 * verifier, the bootstrap's order, and later the guided loop and the grader).
 * A kata's exercise suites are the files in its folder named `<exercise>-*.test.ts`.
 */
export type Exercise = { id: string; title: string };

export type Kata = {
  id: string;
  title: string;
  exercises: readonly Exercise[];
  /** grading weight */
  points: number;
  /** kata 00 is green from the start: its suite checks the environment, not student code */
  startsGreen: boolean;
};

export const curriculum = [
  { id: '00-setup', title: 'Setup and architecture', exercises: [{ id: 'smoke', title: 'Environment smoke test' }], points: 0, startsGreen: true },
  {
    id: '01-user',
    title: 'User: your first table, upsert and soft delete',
    exercises: [
      { id: '5.1', title: 'DDL: CREATE TABLE users' },
      { id: '5.2', title: 'DAL: upsert and soft delete' },
      { id: '5.3', title: 'Consumer: flatten user events' },
    ],
    points: 10,
    startsGreen: false,
  },
  {
    id: '02-supplier',
    title: 'Supplier: a wide table, a composite index and a hard delete',
    exercises: [
      { id: '5.1', title: 'DDL: CREATE TABLE suppliers' },
      { id: '5.2', title: 'DAL: 26-column upsert and hard delete' },
      { id: '5.3', title: 'Consumer: flatten four nested sources' },
    ],
    points: 15,
    startsGreen: false,
  },
] as const satisfies readonly Kata[];

export type KataId = (typeof curriculum)[number]['id'];
