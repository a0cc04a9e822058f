/** A handler that reads through a part the event does not have gets the lesson's words, not the runtime's alone. */
import { describe, expect, it } from 'vitest';
import { explainMapIteratedAsArray, explainMissingPart } from './handlers.ts';

describe('explainMissingPart', () => {
  it("names the field, the ?. to read it with, and the exercise", () => {
    let thrown: unknown;
    try {
      const data: { link_preview?: { url: string } | null } = { link_preview: null };
      void data.link_preview!.url;
    } catch (error) {
      thrown = error;
    }
    const explained = explainMissingPart(thrown, { eventType: 'post.created', pointer: '→ Exercise 5.3' }) as Error;
    expect(explained.name).toBe('MissingPart');
    expect(explained.message).toContain("The post.created handler read .url of something that is null in this event");
    expect(explained.message).toContain('data.part?.url');
    expect(explained.message.endsWith('→ Exercise 5.3')).toBe(true);
  });

  it('leaves every other error as it is', () => {
    const other = new TypeError('Bind parameters must not contain undefined');
    expect(explainMissingPart(other, { eventType: 'post.created', pointer: '→' })).toBe(other);
    const notStarted = new Error('not implemented yet');
    expect(explainMissingPart(notStarted, { eventType: 'post.created', pointer: '→' })).toBe(notStarted);
  });
});

describe('explainMapIteratedAsArray', () => {
  it('explains a for...of over an object keyed by name, and leaves other errors alone', () => {
    const data = { variants: { 'red-xl': {} } as unknown as unknown[] };
    let thrown: unknown;
    try {
      for (const variant of data.variants) void variant;
    } catch (error) {
      thrown = error;
    }
    const explained = explainMapIteratedAsArray(thrown, { eventType: 'product.created', pointer: '→ section 4' }) as Error;
    expect(explained.name).toBe('MapIteratedAsArray');
    expect(explained.message).toContain('Object.entries(map)');
    expect(explained.message.endsWith('→ section 4')).toBe(true);
    const other = new TypeError('x is not a function');
    expect(explainMapIteratedAsArray(other, { eventType: 'product.created', pointer: '' })).toBe(other);
  });
});
