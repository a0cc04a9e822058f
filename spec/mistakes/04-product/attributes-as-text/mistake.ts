import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'attributes_json is a TEXT column: it stores anything, JSON or not, and reads back as text instead of a document.',
  caughtBy: '5.1',
  mayAlsoFail: ['5.2'],
  file: 'tables.ts',
  edits: [{ find: '     attributes_json JSON          NULL,\n     created_at', replace: '     attributes_json TEXT          NULL,\n     created_at' }],
} satisfies Mistake;
