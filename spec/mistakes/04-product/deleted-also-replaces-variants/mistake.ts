import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'product.deleted first empties the variants by hand (replaceVariants with []), then deletes the product: work the cascade already does.',
  caughtBy: '5.4',
  file: 'product-consumer.ts',
  edits: [
    {
      find: '    await this.dal.deleteProduct(event.data.product_id ?? event.entity_id);',
      replace: '    await this.dal.replaceVariants(event.data.product_id ?? event.entity_id, []);\n    await this.dal.deleteProduct(event.data.product_id ?? event.entity_id);',
    },
  ],
} satisfies Mistake;
