import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'REPLACE INTO instead of the upsert: it deletes the old product row first, and the cascade takes every variant with it.',
  caughtBy: '5.2',
  file: 'product-dal.ts',
  edits: [
    { find: '  INSERT INTO products\n', replace: '  REPLACE INTO products\n' },
    {
      find: `  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON DUPLICATE KEY UPDATE
    supplier_id = VALUES(supplier_id),
    name = VALUES(name),
    description = VALUES(description),
    category = VALUES(category),
    brand = VALUES(brand),
    status = VALUES(status),
    price = VALUES(price),
    currency = VALUES(currency),
    attributes_json = VALUES(attributes_json),
    updated_at = VALUES(updated_at),
    event_id = VALUES(event_id),
    event_timestamp = VALUES(event_timestamp)\`;`,
      replace: '  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;',
    },
  ],
} satisfies Mistake;
