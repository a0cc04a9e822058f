import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'snapshot_name and snapshot_sku are swapped in the INSERT\'s column list: every product name lands in the SKU column and back.',
  caughtBy: '5.3',
  file: 'order-dal.ts',
  edits: [{ find: '     snapshot_name, snapshot_sku, snapshot_image_url,', replace: '     snapshot_sku, snapshot_name, snapshot_image_url,' }],
} satisfies Mistake;
