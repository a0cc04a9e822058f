/**
 * Exercise 5.1 (DDL): the CREATE TABLE statements of kata 05.
 *
 * One statement, `CREATE TABLE IF NOT EXISTS posts (...)`: 26 columns (three of them JSON, one
 * DOUBLE), the primary key, and four indexes, each for one of the data team's queries. The
 * columns, their types and which query each index serves are in katas/05-post/README.md,
 * "3. Schema deep dive".
 *
 * Check yourself with: npm test -- katas/05-post/5.1
 */
export const tables: string[] = [
  // Exercise 5.1: your CREATE TABLE IF NOT EXISTS posts (...) statement goes here.
];
