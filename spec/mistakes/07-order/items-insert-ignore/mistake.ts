import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'insertItems uses INSERT IGNORE to skip duplicates: it also turns a foreign key failure (or a value too long) into a warning, and the items are dropped without a word.',
  caughtBy: '5.3',
  file: 'order-dal.ts',
  edits: [
    { find: '  INSERT INTO order_items\n', replace: '  INSERT IGNORE INTO order_items\n' },
    { find: "  VALUES ${Array.from({ length: count }, () => ITEM_PLACEHOLDERS).join(', ')}\n  ON DUPLICATE KEY UPDATE item_id = item_id`;", replace: "  VALUES ${Array.from({ length: count }, () => ITEM_PLACEHOLDERS).join(', ')}`;" },
  ],
} satisfies Mistake;
