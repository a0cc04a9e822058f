import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The composite index is (city, state, country): a query by country (or country and state) cannot use it.',
  caughtBy: '5.1',
  file: 'tables.ts',
  edits: [{ find: 'INDEX idx_suppliers_location (country, state, city)', replace: 'INDEX idx_suppliers_location (city, state, country)' }],
} satisfies Mistake;
