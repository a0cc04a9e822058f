/** consumerUnderTest: a consumer judged on what it hands to a recording DAL, with messages that name the mistake. */
import { describe, expect, it } from 'vitest';
import { EventType, wrapEvent, type EventEnvelope, type HandlerMap } from '../events/contract.ts';
import { notImplemented } from '../not-started.ts';
import { consumerUnderTest, undefinedArguments } from './consumer.ts';

type Row = { id: string; name: string | null; city: string | null };
type Dal = { insertThing(row: Row): Promise<void>; deleteThing(id: string): Promise<void> };
type Document = { id: string; name?: string | null; address?: { city?: string | null } };

type Mistake = 'undefined' | 'swallow' | 'unbound' | 'stub' | 'no-await';

/** A small consumer with switchable mistakes. */
class ThingConsumer {
  private readonly dal: Dal;
  private readonly mistake: Mistake | undefined;
  constructor(dal: Dal, mistake?: Mistake) {
    this.dal = dal;
    this.mistake = mistake;
  }
  async handleCreated(event: EventEnvelope<Document>): Promise<void> {
    if (this.mistake === 'stub') throw notImplemented('99-thing', '5.3', 'ThingConsumer.handleCreated');
    const row = { id: event.entity_id, name: event.data.name ?? null, city: this.mistake === 'undefined' ? (event.data.address?.city as string | null) : (event.data.address?.city ?? null) };
    if (this.mistake === 'swallow') {
      try {
        await this.dal.insertThing(row);
      } catch {
        // the mistake: logged and forgotten
      }
      return;
    }
    if (this.mistake === 'no-await') {
      void this.dal.insertThing(row);
      return;
    }
    await this.dal.insertThing(row);
  }
  getHandlers(): HandlerMap {
    return { [EventType.USER_CREATED]: this.mistake === 'unbound' ? this.handleCreated : (event) => this.handleCreated(event) };
  }
}

const underTest = (mistake?: Mistake) =>
  consumerUnderTest({
    dal: { name: 'ThingDAL', methods: { insertThing: [{ name: 'thing', columns: ['id', 'name', 'city'] }], deleteThing: [{ name: 'id' }] } },
    create: (dal: Dal) => new ThingConsumer(dal, mistake),
    handlerNames: { [EventType.USER_CREATED]: 'handleCreated' },
    lessons: { exercise: '→ exercise', nulls: '→ flattening map', failures: '→ let failures through', unboundThis: '→ getHandlers() comment' },
  });

const event = wrapEvent(EventType.USER_CREATED, '65a1f0c2e4b0a1b2c3d4e5f6', { id: '65a1f0c2e4b0a1b2c3d4e5f6', name: 'Ada' } satisfies Document);
const expected = [{ method: 'insertThing', args: [{ id: '65a1f0c2e4b0a1b2c3d4e5f6', name: 'Ada', city: null }] }];

describe('consumerUnderTest', () => {
  it('passes a consumer that hands the expected row, and lets DAL failures through', async () => {
    await underTest().expectDalCalls(event, expected, 'why');
    await underTest().expectRejectsWhenDalFails(event);
  });

  it('compares the row column by column and says which call it expected', async () => {
    await expect(underTest().expectDalCalls(event, [{ method: 'insertThing', args: [{ ...expected[0]!.args[0], city: 'Oslo' }] }], 'the row')).rejects.toThrow(
      /the row\nhandleCreated called this\.dal\.insertThing\(thing\) with other values than expected .*\n {2}thing:\n.*\n {2}✗ {2}city {4}"Oslo" {4}NULL/,
    );
    await expect(underTest().expectDalCalls(event, [{ method: 'deleteThing', args: ['x'] }], 'why')).rejects.toThrow(
      'handleCreated should call this.dal.deleteThing(id) once; it called this.dal.insertThing().',
    );
    // a why with a pointer of its own: that one pointer, at the end (not two)
    const error = (await underTest()
      .expectDalCalls(event, [{ method: 'insertThing', args: [{ ...expected[0]!.args[0], city: 'Oslo' }] }], 'the row\n→ flattening map')
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^the row\nhandleCreated called/);
    expect(error.message).toMatch(/\n→ flattening map$/);
    expect(error.message.match(/→/g)).toHaveLength(1);
  });

  it('names a value handed over as undefined, even when the handler swallowed the driver\'s error', async () => {
    await expect(underTest('undefined').deliver(event)).rejects.toThrow(
      'handleCreated passed city: undefined to this.dal.insertThing(thing); a missing value must be null.',
    );
    expect(undefinedArguments([{ name: 'thing', columns: ['id', 'city'] }], [{ id: 'x' }])).toEqual(['city (missing)']);
    // lists of child rows (variants, order items) are checked row by row
    expect(undefinedArguments([{ name: 'variants', columns: ['sku', 'price'], many: true }], [[{ sku: 'a', price: 1 }, { sku: 'b', price: undefined }]])).toEqual(['variants[1].price']);
  });

  it('fails a handler that resolves although the DAL failed, explaining at-least-once delivery', async () => {
    await expect(underTest('swallow').expectRejectsWhenDalFails(event)).rejects.toThrow(
      /handleCreated resolved although this\.dal\.insertThing\(\) failed[\s\S]*At-least-once delivery only holds if a failure reaches the framework[\s\S]*→ let failures through$/,
    );
  });

  it('names a DAL call nobody awaited, not a swallowed error, whether the DAL works or fails', async () => {
    const notAwaited = /^handleCreated resolved before this\.dal\.insertThing\(\) finished: nothing awaited that call[\s\S]*Write await before each DAL call[\s\S]*→ let failures through$/;
    await expect(underTest('no-await').expectDalCalls(event, expected, 'why')).rejects.toThrow(notAwaited);
    await expect(underTest('no-await').expectRejectsWhenDalFails(event)).rejects.toThrow(notAwaited);
  });

  it('explains an unbound `this` and points at the stub comment', async () => {
    const error = (await underTest('unbound').deliver(event).catch((e: unknown) => e)) as Error;
    expect(error.name).toBe('UnboundThis');
    expect(error.message).toContain("Cannot read properties of undefined (reading 'mistake')");
    expect(error.message).toContain('[EventType.USER_CREATED]: (event) => this.handleCreated(event)');
    expect(error.message.endsWith('→ getHandlers() comment')).toBe(true);
  });

  it('passes recorded calls on to a stand-in (results, a transaction helper handed over unrecorded), and lets an optional argument be left out', async () => {
    type TxDal = { transaction(work: (connection: string) => Promise<void>): Promise<void>; find(id: string, connection?: string): Promise<boolean> };
    const consumer = consumerUnderTest({
      dal: { name: 'TxDAL', methods: { find: [{ name: 'id' }, { name: 'connection', optional: true }] } },
      standIn: () => ({ transaction: (work: (connection: string) => Promise<void>) => work('tx-1'), find: async (id: string) => id === 'known' }),
      create: (dal: TxDal) => ({
        getHandlers: (): HandlerMap => ({
          [EventType.USER_CREATED]: async (event) => {
            await dal.transaction(async (connection) => {
              if (!(await dal.find(event.entity_id, connection))) throw new Error(`unknown ${event.entity_id}`);
            });
          },
          [EventType.USER_DELETED]: async (event) => void (await dal.find(event.entity_id)),
        }),
      }),
      handlerNames: {},
      lessons: { exercise: '→ exercise', nulls: '→ flattening map', failures: '→ let failures through', unboundThis: '→ getHandlers() comment' },
    });
    await consumer.expectDalCalls(wrapEvent(EventType.USER_CREATED, 'known', {}), [{ method: 'find', args: ['known', 'tx-1'] }], 'why');
    await expect(consumer.deliver(wrapEvent(EventType.USER_CREATED, 'other', {}))).rejects.toThrow('unknown other');
    await consumer.expectDalCalls(wrapEvent(EventType.USER_DELETED, 'known', {}), [{ method: 'find', args: ['known'] }], 'no connection: not an undefined value');
  });

  it('does not let a stub pass the failing-DAL check', async () => {
    await expect(underTest('stub').expectRejectsWhenDalFails(event)).rejects.toThrow(/not implemented yet/);
  });
});
