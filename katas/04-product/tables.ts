/**
 * Exercise 5.1 (DDL): the CREATE TABLE statements of kata 04.
 *
 * Two statements, in this order: `CREATE TABLE IF NOT EXISTS products (...)`, then
 * `CREATE TABLE IF NOT EXISTS product_variants (...)`, whose FOREIGN KEY points at products
 * (a table can only reference a table that already exists). The columns, keys and why each is
 * there are in katas/04-product/README.md, "3. Schema deep dive".
 *
 * Check yourself with: npm test -- katas/04-product/5.1
 */
export const tables: string[] = [
  // Exercise 5.1: your CREATE TABLE IF NOT EXISTS products (...) statement goes here,
  // then your CREATE TABLE IF NOT EXISTS product_variants (...) statement.
];
