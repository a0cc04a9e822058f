import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'insertItems is a plain INSERT: the first redelivery (or the next order.status_changed, which brings the items again) fails on the UNIQUE key, and the whole event is dead-lettered.',
  caughtBy: '5.3',
  file: 'order-dal.ts',
  edits: [{ find: "  VALUES ${Array.from({ length: count }, () => ITEM_PLACEHOLDERS).join(', ')}\n  ON DUPLICATE KEY UPDATE item_id = item_id`;", replace: "  VALUES ${Array.from({ length: count }, () => ITEM_PLACEHOLDERS).join(', ')}`;" }],
} satisfies Mistake;
