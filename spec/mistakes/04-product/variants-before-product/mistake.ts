import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'The handler writes the variants before the product: the foreign key refuses variants of a product that is not stored yet.',
  caughtBy: '5.4',
  file: 'product-consumer.ts',
  edits: [
    { find: '    const product = event.data;\n    await this.dal.insertProduct({', replace: '    const product = event.data;\n    const row = {' },
    { find: '      event_timestamp: this.parseTimestamp(event.timestamp),\n    });', replace: '      event_timestamp: this.parseTimestamp(event.timestamp),\n    };' },
    { find: '    await this.dal.replaceVariants(event.entity_id, variants);\n', replace: '    await this.dal.replaceVariants(event.entity_id, variants);\n    await this.dal.insertProduct(row);\n' },
  ],
} satisfies Mistake;
