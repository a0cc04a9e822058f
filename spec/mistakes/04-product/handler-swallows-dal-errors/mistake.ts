import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'handleProductDeleted catches the DAL\'s error and only logs it: the framework counts the event as stored, and a failed delete is lost.',
  caughtBy: '5.4',
  file: 'product-consumer.ts',
  edits: [
    {
      find: '    await this.dal.deleteProduct(event.data.product_id ?? event.entity_id);',
      replace: '    try {\n      await this.dal.deleteProduct(event.data.product_id ?? event.entity_id);\n    } catch (error) {\n      console.error(\'could not delete the product\', error);\n    }',
    },
  ],
} satisfies Mistake;
