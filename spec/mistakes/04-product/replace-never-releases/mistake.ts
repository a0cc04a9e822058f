import type { Mistake } from '../../../mistake.ts';

export default {
  summary: 'replaceVariants runs its own transaction on getConnection() and never release()s the connection: the pool runs dry after ten replaces.',
  caughtBy: '5.3',
  file: 'product-dal.ts',
  edits: [
    { find: '    await withTransaction(async (connection) => {\n', replace: '    const connection = await getPool().getConnection();\n    await connection.beginTransaction();\n    try {\n' },
    {
      find: '          variant.attributes_json,\n        ]);\n      }\n    });\n',
      replace: '          variant.attributes_json,\n        ]);\n      }\n      await connection.commit();\n    } catch (error) {\n      await connection.rollback();\n      throw error;\n    }\n',
    },
    { find: "import { getPool, withTransaction } from '../../../harness/db/pool.ts';", replace: "import { getPool } from '../../../harness/db/pool.ts';" },
  ],
} satisfies Mistake;
