import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'product_variants is created before products: its foreign key points at a table that does not exist yet.',
  caughtBy: '5.1',
  mayAlsoFail: ['5.2', '5.3'],
  file: 'tables.ts',
  edits: [
    { find: 'export const tables: string[] = [\n', replace: 'const inOrder: string[] = [\n' },
    { find: '   ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,\n];', replace: '   ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,\n];\nexport const tables: string[] = [...inOrder].reverse();' },
  ],
} satisfies Mistake;
