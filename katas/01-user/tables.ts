/**
 * Exercise 5.1 (DDL): the CREATE TABLE statements of kata 01.
 *
 * The service runs every statement of this list at each start (`npm run service`), and the tests
 * run them in a fresh, empty database. Write `CREATE TABLE IF NOT EXISTS users (...)` as one
 * string, for example with a template literal:
 *
 *   export const tables: string[] = [
 *     `CREATE TABLE IF NOT EXISTS users (
 *        user_id VARCHAR(24) NOT NULL,
 *        ...
 *      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
 *   ];
 *
 * The 12 columns, their types, version's DEFAULT 1 and the two indexes are in
 * katas/01-user/README.md, "3. Schema deep dive" (a column default goes after NOT NULL:
 * `version INT NOT NULL DEFAULT 1`; no other column has one, and the section says why). Check yourself with: npm test -- katas/01-user/5.1
 */
export const tables: string[] = [
  // Exercise 5.1: your CREATE TABLE IF NOT EXISTS users (...) statement goes here.
];
