import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'Three separate indexes on country, state and city instead of one composite index.',
  caughtBy: '5.1',
  file: 'tables.ts',
  edits: [{ find: 'INDEX idx_suppliers_location (country, state, city),', replace: 'INDEX idx_country (country), INDEX idx_state (state), INDEX idx_city (city),' }],
} satisfies Mistake;
