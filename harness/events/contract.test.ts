import { describe, expect, it } from 'vitest';
import { eventProblem, wrapEvent } from './contract.ts';
import { firstDuplicateKey } from './duplicate-keys.ts';

const check = (type: string, data: Record<string, unknown>, topic = 'x-' + type.split('.')[0] + 's') => eventProblem(wrapEvent(type, 'e', data), { topic, topicPrefix: 'x-' });

describe('eventProblem: values a column cannot hold exactly', () => {
  it.each([
    ['product.created', { price: '24.499' }, /"data\.price" is "24\.499": more than 2 decimals/],
    ['product.updated', { variants: { a: { price: '1.001', stock: 1 } } }, /"data\.variants\.a\.price" is "1\.001"/],
    ['product.updated', { variants: { a: { stock: 2.5 } } }, /"data\.variants\.a\.stock" is 2\.5: a whole number/],
    ['product.created', { price: '123456789.00' }, /too large for its DECIMAL\(10,2\) column/],
    ['product.created', { price: 24.5 }, /"data\.price" is the JSON number 24\.5: money travels as decimal text/],
    ['user.created', { version: 1.5 }, /"data\.version" is 1\.5/],
    ['post.created', { stats: { views: 2 ** 53 } }, /"data\.stats\.views" is beyond 2\^53 - 1/],
    ['order.created', { totals: { total: '9.999' } }, /"data\.totals\.total"/],
    ['order.created', { items: [{ item_id: 'a' }, { item_id: 'b' }, { item_id: 'a' }] }, /"data\.items\[2\]\.item_id" repeats "a" of "data\.items\[0\]"/],
  ])('%s %j is refused', (type, data, reason) => {
    expect(check(type, data)).toMatch(reason);
  });

  it.each([
    ['product.created', { price: '24.490', variants: { a: { price: null, stock: 0 } } }],
    ['product.created', { price: '-0.5' }],
    ['user.created', { version: 2 ** 53 - 1 }],
    ['order.created', { items: [{ item_id: 'a', quantity: 3 }, { item_id: 'b' }] }],
    ['supplier.created', { anything: 1.5 }],
  ])('%s %j is accepted', (type, data) => {
    expect(check(type, data)).toBeUndefined();
  });
});

describe('eventProblem: topics', () => {
  it('refuses an event on another domain\'s topic when the prefix is known, and says which topic it belongs to', () => {
    expect(check('user.created', {}, 'x-orders')).toBe('"event_type" user.created belongs to the topic x-users, not x-orders');
    expect(eventProblem(wrapEvent('user.created', 'e', {}), { topic: 'anything' })).toBeUndefined();
  });
});

describe('firstDuplicateKey', () => {
  it('finds a key repeated within one object, with its path, escapes and strings with braces included', () => {
    expect(firstDuplicateKey('{"data":{"variants":{"r":{"x":1},"r":{"x":2}}}}')).toBe('data.variants.r');
    expect(firstDuplicateKey('{"data":{"items":[{"k":"a,\\"}{"},{"k":1,"k":2}]}}')).toBe('data.items[1].k');
    expect(firstDuplicateKey('{"a\\u0062":1,"ab":2}')).toBe('ab');
    const product = JSON.stringify(wrapEvent('product.created', 'e', { variants: { r: { stock: 1 } } })).replace('"variants":{', '"variants":{"r":{"stock":2},');
    expect(eventProblem(JSON.parse(product), { topic: 'products', rawValue: product })).toMatch(/"data\.variants\.r" appears twice/);
  });

  it('accepts the same key in different objects', () => {
    expect(firstDuplicateKey('{"a":1,"b":{"a":1},"c":[{"a":1},{"a":2}]}')).toBeUndefined();
  });
});
