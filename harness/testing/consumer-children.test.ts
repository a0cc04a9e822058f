/**
 * consumerUnderTest for a parent and its children (kata 04's product and variants): a list of
 * rows compared in any order by its key, JSON text compared as documents, one DAL method made to
 * fail, and DAL calls that overlap (Promise.all) named.
 */
import { describe, expect, it } from 'vitest';
import { EventType, wrapEvent, type HandlerMap } from '../events/contract.ts';
import { consumerUnderTest, undefinedArguments } from './consumer.ts';
import { describeRowsMismatch } from './rows.ts';

type Child = { key: string; attributes_json: string | null };
type Dal = { saveParent(row: { id: string }): Promise<void>; replaceChildren(id: string, children: Child[]): Promise<void> };
type Mistake = 'parallel' | 'swallow-children' | 'pretty-json' | 'undefined-child' | undefined;

class ParentConsumer {
  private readonly dal: Dal;
  private readonly mistake: Mistake;
  constructor(dal: Dal, mistake: Mistake) {
    this.dal = dal;
    this.mistake = mistake;
  }
  async handle(event: { entity_id: string; data: { children: Record<string, { attributes?: object }> } }): Promise<void> {
    const children = Object.entries(event.data.children).map(([key, child]) => ({
      key,
      attributes_json: this.mistake === 'undefined-child' ? (undefined as unknown as null) : child.attributes ? JSON.stringify(child.attributes, null, this.mistake === 'pretty-json' ? 2 : 0) : null,
    }));
    if (this.mistake === 'parallel') {
      await Promise.all([this.dal.saveParent({ id: event.entity_id }), this.dal.replaceChildren(event.entity_id, children)]);
      return;
    }
    await this.dal.saveParent({ id: event.entity_id });
    try {
      await this.dal.replaceChildren(event.entity_id, children);
    } catch (error) {
      if (this.mistake !== 'swallow-children') throw error;
    }
  }
  getHandlers(): HandlerMap {
    return { [EventType.USER_CREATED]: (event) => this.handle(event as never) };
  }
}

const underTest = (mistake?: Mistake) =>
  consumerUnderTest({
    dal: {
      name: 'ParentDAL',
      methods: {
        saveParent: [{ name: 'parent', columns: ['id'] }],
        replaceChildren: [{ name: 'id' }, { name: 'children', columns: ['key', 'attributes_json'], many: true, json: ['attributes_json'] }],
      },
    },
    create: (dal: Dal) => new ParentConsumer(dal, mistake),
    handlerNames: { [EventType.USER_CREATED]: 'handle' },
    lessons: { exercise: '→ exercise', nulls: '→ flattening map', failures: '→ let failures through', unboundThis: '→ getHandlers() comment' },
  });

const id = '65a1f0c2e4b0a1b2c3d4e5f6';
const event = wrapEvent(EventType.USER_CREATED, id, { children: { b: { attributes: { y: 1, x: [true] } }, a: {} } });
const expected = (children: Child[]) => [
  { method: 'saveParent', args: [{ id }] },
  { method: 'replaceChildren', args: [id, children] },
];

describe('consumerUnderTest with a list of child rows', () => {
  it('matches the children by key in any order, and JSON text by the document it holds', async () => {
    await underTest().expectDalCalls(event, expected([{ key: 'a', attributes_json: null }, { key: 'b', attributes_json: '{"x":[true],"y":1}' }]), 'why');
    await underTest('pretty-json').expectDalCalls(event, expected([{ key: 'b', attributes_json: '{ "y": 1, "x": [true] }' }, { key: 'a', attributes_json: null }]), 'why');
  });

  it('names a missing child, an unexpected one, and a differing column', async () => {
    const error = (await underTest()
      .expectDalCalls(event, expected([{ key: 'b', attributes_json: '{"x":[false],"y":1}' }, { key: 'c', attributes_json: null }]), 'the children')
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/children: 2 row\(s\) expected, 2 found\./);
    expect(error.message).toMatch(/✗ the row with key = "b":\n.*\n {4}✗ {2}attributes_json {2}"\{\\"x\\":\[false\],\\"y\\":1\}" {2}"\{\\"x\\":\[true\],\\"y\\":1\}"/);
    expect(error.message).toContain('✗ no row with key = "c" (expected one)');
    expect(error.message).toContain('✗ an unexpected row with key = "a"');
  });

  it('names an undefined column of a child row', async () => {
    await expect(underTest('undefined-child').deliver(event)).rejects.toThrow('handle passed children[0].attributes_json, children[1].attributes_json: undefined to this.dal.replaceChildren(id, children)');
    expect(undefinedArguments([{ name: 'children', columns: ['key'], many: true }], [[{ key: 'a' }, {}]])).toEqual(['children[1].key (missing)']);
  });

  it('makes one chosen method fail: a handler that swallows only that one is caught', async () => {
    await underTest('swallow-children').expectRejectsWhenDalFails(event, 'saveParent');
    await expect(underTest('swallow-children').expectRejectsWhenDalFails(event, 'replaceChildren')).rejects.toThrow(/resolved although this\.dal\.replaceChildren\(\) failed/);
    await expect(underTest().expectRejectsWhenDalFails(event, 'deleteNothing')).rejects.toThrow('never called this.dal.deleteNothing()');
  });

  it('fails a handler that starts a DAL call before the previous one finished (Promise.all)', async () => {
    await expect(underTest('parallel').deliver(event)).rejects.toThrow(
      /handle called this\.dal\.replaceChildren\(\) while this\.dal\.saveParent\(\) was still running \(Promise\.all, or a call without await\)/,
    );
  });
});

describe('describeRowsMismatch with a key of several columns', () => {
  it('tells rows apart by every key column', () => {
    const rows = [{ parent: 'p1', key: 'default', stock: 1 }, { parent: 'p2', key: 'default', stock: 2 }];
    expect(describeRowsMismatch([...rows].reverse(), rows, ['parent', 'key', 'stock'], 'children', false, ['parent', 'key'])).toBeUndefined();
    expect(describeRowsMismatch(rows, [rows[0]!, { ...rows[1]!, stock: 3 }], ['parent', 'key', 'stock'], 'children', false, ['parent', 'key'])).toContain(
      '✗ the row with parent = "p2", key = "default":',
    );
  });
});
