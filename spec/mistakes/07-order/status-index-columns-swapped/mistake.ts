import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The status index is (placed_at, status): "paid orders, oldest first" cannot seek to the status, it scans by date.',
  caughtBy: '5.1',
  file: 'tables.ts',
  edits: [{ find: 'INDEX idx_orders_status (status, placed_at)', replace: 'INDEX idx_orders_status (placed_at, status)' }],
} satisfies Mistake;
