import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'replaceVariants runs the DELETE and the INSERTs one by one on the pool: a replace that fails half-way leaves the product with part of its variants.',
  caughtBy: '5.3',
  file: 'product-dal.ts',
  edits: [
    { find: '    await withTransaction(async (connection) => {\n      await connection.execute(', replace: '    {\n      const connection = getPool();\n      await connection.execute(' },
    { find: '        ]);\n      }\n    });\n', replace: '        ]);\n      }\n    }\n' },
    { find: "import { getPool, withTransaction } from '../../../harness/db/pool.ts';", replace: "import { getPool } from '../../../harness/db/pool.ts';" },
  ],
} satisfies Mistake;
