import type { Mistake } from '../../../mistake.ts';

export default {
  summary: "replaceVariants writes the variants in forEach(async (variant) => { await connection.execute(...) }): the transaction commits while the INSERTs run, and each callback's error is a promise nobody awaits.",
  caughtBy: '5.3',
  file: 'product-dal.ts',
  edits: [
    { find: '      for (const variant of variants) {\n        await connection.execute(INSERT_VARIANT, [', replace: '      variants.forEach(async (variant) => {\n        await connection.execute(INSERT_VARIANT, [' },
    { find: '          variant.attributes_json,\n        ]);\n      }\n    });', replace: '          variant.attributes_json,\n        ]);\n      });\n    });' },
  ],
} satisfies Mistake;
