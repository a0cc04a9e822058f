import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'Every item takes the product snapshot of the first item: an order of a T-shirt and a coffee shows two T-shirts.',
  caughtBy: '5.4',
  file: 'order-consumer.ts',
  edits: [{ find: '      const snapshot = item.product_snapshot;', replace: '      const snapshot = data.items[0]!.product_snapshot;' }],
} satisfies Mistake;
