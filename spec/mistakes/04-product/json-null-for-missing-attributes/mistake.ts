import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'Missing attributes are stored as JSON.stringify(null), the JSON text \'null\', instead of SQL NULL.',
  caughtBy: '5.4',
  file: 'product-consumer.ts',
  edits: [{ find: '      attributes_json: toJson(product.attributes),', replace: '      attributes_json: JSON.stringify(product.attributes ?? null),' }],
} satisfies Mistake;
