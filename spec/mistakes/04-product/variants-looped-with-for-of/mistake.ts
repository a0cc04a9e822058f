import type { Mistake } from '../../../mistake.ts';

// Found by a student's run: the handler stopped on the runtime's bare "object is not iterable"
// on 21 tests, with no word of the map it was looping over.
export default {
  summary: 'The variants are looped with for...of as if they were an array: data.variants is an object keyed by variant key, and an object is not iterable.',
  caughtBy: '5.4',
  file: 'product-consumer.ts',
  edits: [
    {
      find: '    const variants: VariantRow[] = Object.entries(product.variants ?? {}).map(([key, variant]) => ({',
      replace:
        '    const variants: VariantRow[] = [];\n' +
        '    // the student\'s loop, typed as the array it was taken for\n' +
        '    for (const [key, variant] of (product.variants ?? {}) as unknown as [string, NonNullable<ProductDocument[\'variants\']>[string]][]) variants.push({',
    },
    { find: '      attributes_json: toJson(variant.attributes),\n    }));', replace: '      attributes_json: toJson(variant.attributes),\n    });' },
  ],
} satisfies Mistake;
