import type { Mistake } from '../../../mistake.ts';

export default {
  summary: "replaceVariants starts each variant's INSERT inside its transaction without awaiting it (forEach): the transaction commits and gives its connection back while the INSERTs are still on their way.",
  caughtBy: '5.3',
  file: 'product-dal.ts',
  edits: [
    { find: '      for (const variant of variants) {\n        await connection.execute(INSERT_VARIANT, [', replace: '      variants.forEach((variant) => {\n        void connection.execute(INSERT_VARIANT, [' },
    { find: '          variant.attributes_json,\n        ]);\n      }\n    });', replace: '          variant.attributes_json,\n        ]);\n      });\n    });' },
  ],
} satisfies Mistake;
