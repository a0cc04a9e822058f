/** The in-memory stand-in of kata 04's tables keeps the real tables' rules, and the spy records every call. */
import { describe, expect, it } from 'vitest';
import type { ProductRow, VariantRow } from '../events/product.ts';
import { describeCalls, spyOnDal } from './dal-spy.ts';
import { ProductStore } from './product-store.ts';

const product: ProductRow = {
  product_id: 'a00000000000000000000001', supplier_id: 'b00000000000000000000001', name: 'T-Shirt', description: null, category: null, brand: null,
  status: 'active', price: '24.50', currency: 'EUR', attributes_json: null,
  created_at: '2024-05-02 08:15:00.000001', updated_at: '2024-05-02 08:15:00.000001', event_id: 'e', event_timestamp: '2024-05-02 08:15:00.250000',
};
const variant: VariantRow = { variant_key: 'red-xl', sku: 'RED-XL', name: null, price: null, stock: 1, is_active: true, attributes_json: null };

describe('ProductStore', () => {
  it('refuses variants of a product it does not hold (the foreign key), but not an empty replace', async () => {
    const store = new ProductStore('→ lesson');
    await expect(store.replaceVariants(product.product_id, [variant])).rejects.toThrow(/foreign key constraint fails[\s\S]*store the product first/);
    await expect(store.replaceVariants(product.product_id, [])).resolves.toBeUndefined();
  });

  it('keeps created_at on an upsert, replaces the variant set, and cascades a delete', async () => {
    const store = new ProductStore('→ lesson');
    await store.insertProduct(product);
    await store.insertProduct({ ...product, name: 'Tee', created_at: '2030-01-01 00:00:00.000000' });
    expect(store.products.get(product.product_id)).toEqual({ ...product, name: 'Tee' });
    await store.replaceVariants(product.product_id, [variant, { ...variant, variant_key: 'navy-m' }]);
    await store.replaceVariants(product.product_id, [{ ...variant, stock: 0 }]);
    expect(store.variants.get(product.product_id)).toEqual([{ ...variant, stock: 0 }]);
    await store.deleteProduct(product.product_id);
    expect([store.products.size, store.variants.size]).toEqual([0, 0]);
  });

  it('refuses undefined values and duplicate keys with a message naming them', async () => {
    const store = new ProductStore('→ lesson');
    await expect(store.insertProduct({ ...product, brand: undefined } as unknown as ProductRow)).rejects.toThrow(/insertProduct received brand: undefined[\s\S]*must be null\.\n→ lesson/);
    await store.insertProduct(product);
    await expect(store.replaceVariants(product.product_id, [variant, variant])).rejects.toThrow(/the variant key 'red-xl' came twice/);
    await expect(store.replaceVariants(product.product_id, { 'red-xl': variant } as unknown as VariantRow[])).rejects.toThrow(/takes an array of VariantRow/);
  });

  it('fails the method a test asks it to, as a database that is down', async () => {
    const store = new ProductStore('→ lesson');
    store.failing = 'deleteProduct';
    await expect(store.deleteProduct(product.product_id)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('spyOnDal', () => {
  it('records each call, in order, with a copy of its arguments, then lets the implementation run', async () => {
    const store = new ProductStore('→ lesson');
    const { dal, calls } = spyOnDal(store);
    const row = { ...product };
    await dal.insertProduct(row);
    row.name = 'changed after the call';
    await dal.deleteProduct(product.product_id);
    expect(calls).toEqual([
      { method: 'insertProduct', args: [product] },
      { method: 'deleteProduct', args: [product.product_id] },
    ]);
    expect(store.products.size).toBe(0);
    expect(describeCalls(calls)).toBe('  1. insertProduct({…})\n  2. deleteProduct("a00000000000000000000001")');
  });
});
