import { describe, expect, it } from 'vitest';
import { logField, MAX_FIELD_CHARS } from './log-text.ts';

describe('logField', () => {
  it('writes control characters, line separators and backslashes as escapes: one field stays on one line', () => {
    expect(logField('a\nb\r\tc\u0000d\u001be\u007f\u0085\u2028\u2029\\n')).toBe('a\\nb\\r\\tc\\x00d\\x1be\\x7f\\x85\\u2028\\u2029\\\\n');
  });

  it('leaves printable text, accents and emoji as they are', () => {
    expect(logField('Zoë 🚀 user.created')).toBe('Zoë 🚀 user.created');
  });

  it(`cuts a field at ${MAX_FIELD_CHARS} characters and says how long it was`, () => {
    expect(logField('x'.repeat(1_234))).toBe(`${'x'.repeat(MAX_FIELD_CHARS)}…[cut: 1,234 chars in all]`);
    expect(logField('x'.repeat(MAX_FIELD_CHARS))).toBe('x'.repeat(MAX_FIELD_CHARS));
  });

  it('never cuts an emoji in half', () => {
    const cut = logField(`${'x'.repeat(MAX_FIELD_CHARS - 1)}🚀🚀`);
    expect(cut.startsWith(`${'x'.repeat(MAX_FIELD_CHARS - 1)}…`)).toBe(true);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});
