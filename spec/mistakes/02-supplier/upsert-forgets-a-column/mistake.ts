import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'ON DUPLICATE KEY UPDATE leaves out website: a changed website never reaches the table.',
  caughtBy: '5.2',
  file: 'supplier-dal.ts',
  edits: [{ find: '    website = VALUES(website),\n', replace: '' }],
} satisfies Mistake;
