/**
 * The course, in order: one entry per kata. Every tool reads this one list: the test projects,
 * the verifier, grading (and the generated classroom workflow), the guided loop, the progress
 * ladder, hints, the service's tables and subscriptions, and the template export.
 * A kata's exercise suites are the files in its folder named `<exercise>-*.test.ts`.
 * Adding a kata: see the maintainers' guide, "Adding a kata".
 */
import type { DomainName } from './harness/events/domains.ts';

export type Exercise = { id: string; title: string };

/** Code of an earlier kata that this kata calls: its tests go green only once that code works. */
export type Requirement = { kata: string; exercise: string; what: string };

export type Kata = {
  id: string;
  title: string;
  exercises: readonly Exercise[];
  /** grading weight */
  points: number;
  /** kata 00 is green from the start: its suite checks the environment, not student code */
  startsGreen: boolean;
  /** the backend domain whose events the kata stores (harness/events/domains.ts) */
  domain?: DomainName;
  /** what the kata reuses from an earlier one */
  requires?: readonly Requirement[];
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
    domain: 'user',
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
    domain: 'supplier',
    requires: [{ kata: '01-user', exercise: '5.3', what: 'parseTimestamp() from katas/01-user/user-consumer.ts' }],
  },
  {
    id: '04-product',
    title: 'Product: parent and child tables, a cascading foreign key, JSON and the replace pattern',
    exercises: [
      { id: '5.1', title: 'DDL: CREATE TABLE products and product_variants' },
      { id: '5.2', title: 'DAL: product upsert and hard delete' },
      { id: '5.3', title: 'DAL: replace the variants in one transaction' },
      { id: '5.4', title: 'Consumer: a product, then its variants' },
    ],
    points: 20,
    startsGreen: false,
    domain: 'product',
    requires: [{ kata: '01-user', exercise: '5.3', what: 'parseTimestamp() from katas/01-user/user-consumer.ts' }],
  },
  {
    id: '05-post',
    title: 'Post: JSON arrays, a DOUBLE metric, a selective upsert and four indexes',
    exercises: [
      { id: '5.1', title: 'DDL: CREATE TABLE posts' },
      { id: '5.2', title: 'DAL: selective 26-value upsert and soft delete' },
      { id: '5.3', title: 'Consumer: JSON.stringify the lists, flatten the link preview' },
    ],
    points: 20,
    startsGreen: false,
    domain: 'post',
    requires: [{ kata: '01-user', exercise: '5.3', what: 'parseTimestamp() from katas/01-user/user-consumer.ts' }],
  },
  {
    id: '07-order',
    title: 'Order (capstone): a business key, a selective upsert, items in one batch, one transaction',
    exercises: [
      { id: '5.1', title: 'DDL: CREATE TABLE orders and order_items' },
      { id: '5.2', title: 'DAL: the selective order upsert and cancel by order number' },
      { id: '5.3', title: 'DAL: an order\'s items, a loop of INSERTs, then one multi-row INSERT' },
      { id: '5.4', title: 'Consumer: an order and its items in one transaction' },
    ],
    points: 30,
    startsGreen: false,
    domain: 'order',
    requires: [{ kata: '01-user', exercise: '5.3', what: 'parseTimestamp() from katas/01-user/user-consumer.ts' }],
  },
] as const satisfies readonly Kata[];

export type KataId = (typeof curriculum)[number]['id'];
/** The katas that store a domain's events (all but kata 00). */
export type DomainKata = Extract<(typeof curriculum)[number], { domain: DomainName }>;
export type DomainKataId = DomainKata['id'];

export function hasDomain(kata: (typeof curriculum)[number]): kata is DomainKata {
  return 'domain' in kata;
}
