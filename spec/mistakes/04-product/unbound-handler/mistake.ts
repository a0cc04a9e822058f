import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'getHandlers() hands over this.handleProductCreated itself: the framework calls it without its object, and this.dal is undefined.',
  caughtBy: '5.4',
  file: 'product-consumer.ts',
  edits: [{ find: '      [EventType.PRODUCT_CREATED]: (event) => this.handleProductCreated(event),', replace: '      [EventType.PRODUCT_CREATED]: this.handleProductCreated,' }],
} satisfies Mistake;
