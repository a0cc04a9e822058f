/** The post generators make what kata 05's suites rely on: valid envelopes, rows that fit, rates that tell DOUBLE apart. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { envelopeProblem } from './contract.ts';
import { INT_MAX, POST_LIMITS, postEventCase, postRow, TELLING_RATES } from './post.arbitraries.ts';
import { POST_COLUMNS, POST_JSON_COLUMNS, postDomain } from './post.ts';

describe('post arbitraries', () => {
  it('generate valid envelopes whose expected rows have the 26 columns, fit them, and hold JSON text', () => {
    fc.assert(
      fc.property(postEventCase(), postRow(), ({ event, row }, dalRow) => {
        expect(envelopeProblem(JSON.parse(JSON.stringify(event)))).toBeUndefined();
        for (const candidate of [row, dalRow]) {
          expect(Object.keys(candidate)).toEqual([...POST_COLUMNS]);
          for (const [column, limit] of Object.entries(POST_LIMITS)) {
            const value = candidate[column as keyof typeof candidate];
            if (typeof value === 'string') expect([...value].length).toBeLessThanOrEqual(limit);
          }
          for (const column of POST_JSON_COLUMNS) expect(Array.isArray(JSON.parse(candidate[column]))).toBe(true);
          expect(candidate.post_id).toMatch(/^[0-9a-f]{24}$/);
        }
      }),
    );
  });

  it('mix in the telling engagement rates, views past INT, and every form of a missing list', () => {
    const cases = fc.sample(postEventCase(), { numRuns: 2_000, seed: 1 });
    const rates = new Set(cases.map(({ row }) => row.engagement_rate));
    for (const { rate } of TELLING_RATES) expect(rates).toContain(rate);
    expect(cases.some(({ row }) => row.views_count > INT_MAX)).toBe(true);
    const media = cases.map(({ event }) => ('media' in event.data ? (event.data.media === null ? 'null' : event.data.media!.length === 0 ? 'empty' : 'list') : 'missing'));
    expect(new Set(media)).toEqual(new Set(['missing', 'null', 'empty', 'list']));
    expect(cases.filter(({ event }) => event.data.media === null || event.data.media === undefined).every(({ row }) => row.media_json === '[]')).toBe(true);
  });

  it('give npm run emit a realistic example of each event type', () => {
    for (const type of postDomain.events) {
      const event = postDomain.example(type, '66340a3fe4b0a1b2c3d4e5f6', '2024-05-02T06:15:00.500000+00:00');
      expect(envelopeProblem(event)).toBeUndefined();
      expect(event.entity_id).toBe('66340a3fe4b0a1b2c3d4e5f6');
    }
  });
});
