/**
 * Exercise 5.1 (DDL): the CREATE TABLE statements of kata 07.
 *
 * Two statements, in this order: `CREATE TABLE IF NOT EXISTS orders (...)`, then
 * `CREATE TABLE IF NOT EXISTS order_items (...)`, whose FOREIGN KEY points at orders (a table can
 * only reference a table that already exists). The columns, the keys (the order number's UNIQUE
 * key among them) and why each is there are in katas/07-order/README.md, "3. Schema deep dive".
 *
 * Check yourself with: npm test -- katas/07-order/5.1
 */
export const tables: string[] = [
  // Exercise 5.1: your CREATE TABLE IF NOT EXISTS orders (...) statement goes here,
  // then your CREATE TABLE IF NOT EXISTS order_items (...) statement.
];
