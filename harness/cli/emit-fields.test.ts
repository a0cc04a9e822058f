/** npm run emit's field options, as the lessons use them: null makes a field null, and drops a map's entry. */
import { describe, expect, it } from 'vitest';
import { buildEvent, setPath } from './emit.ts';

describe('npm run emit -- <type> --<path> null', () => {
  it('removes an entry of a map of child documents (kata 04: --variants.navy-m null drops the variant)', () => {
    const event = buildEvent('product.updated', '65c3f0c2e4b0a1b2c3d4e5f8', [['variants.navy-m', null]]);
    const variants = (event.data as { variants: Record<string, unknown> }).variants;
    expect(Object.keys(variants), 'the key is gone, as the backend sends a removed variant').not.toContain('navy-m');
    expect(Object.keys(variants).length).toBeGreaterThan(0);
  });

  it('makes any other field null (an optional part, a column left empty)', () => {
    const document: Record<string, unknown> = { profile: { display_name: 'Ada' }, contact_info: { primary_email: 'a@example.com', phone: '+1' } };
    setPath(document, 'contact_info.phone', null);
    setPath(document, 'profile', null);
    expect(document).toEqual({ profile: null, contact_info: { primary_email: 'a@example.com', phone: null } });
  });
});
