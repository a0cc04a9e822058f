import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'replaceVariants is skipped when the document has no variants: an update that drops every variant leaves the old ones in place.',
  caughtBy: '5.4',
  file: 'product-consumer.ts',
  edits: [{ find: '    await this.dal.replaceVariants(event.entity_id, variants);', replace: '    if (variants.length > 0) await this.dal.replaceVariants(event.entity_id, variants);' }],
} satisfies Mistake;
