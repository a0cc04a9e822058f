/**
 * Exercise 5.1 (DDL): the CREATE TABLE statements of kata 02.
 *
 * One statement, `CREATE TABLE IF NOT EXISTS suppliers (...)`: 26 columns, the primary key, a
 * composite index on (country, state, city) and an index on email. The columns, their types
 * and why each VARCHAR has its length are in katas/02-supplier/README.md, "3. Schema deep dive".
 *
 * Check yourself with: npm test -- katas/02-supplier/5.1
 */
export const tables: string[] = [
  // Exercise 5.1: your CREATE TABLE IF NOT EXISTS suppliers (...) statement goes here.
];
