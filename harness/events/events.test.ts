import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { text, timestamp } from './arbitraries.ts';
import { envelopeProblem, EventType, isEventType, topicOf } from './contract.ts';
import { epochMicros, isoTimestamp, sqlDateTimeUtc } from './time.ts';
import { USER_LIMITS, userEventCase, userRow } from './user.arbitraries.ts';
import { buildUser, userEvent } from './user.ts';

describe('time helpers', () => {
  it('format an instant with offsets and fraction digits, and back to UTC DATETIME(6) text', () => {
    const micros = epochMicros('2024-01-15 10:30:00.123456');
    expect(sqlDateTimeUtc(micros)).toBe('2024-01-15 10:30:00.123456');
    expect(isoTimestamp(micros, { offsetMinutes: 330 })).toBe('2024-01-15T16:00:00.123456+05:30');
    expect(isoTimestamp(micros, { offsetMinutes: -480, fractionDigits: 3 })).toBe('2024-01-15T02:30:00.123-08:00');
    expect(isoTimestamp(micros, { fractionDigits: 0, zulu: true })).toBe('2024-01-15T10:30:00Z');
  });

  it('generated timestamps agree with the platform where it can check (milliseconds)', () => {
    fc.assert(
      fc.property(timestamp(), ({ iso, sql }) => {
        expect(new Date(iso).toISOString().slice(0, 23)).toBe(sql.replace(' ', 'T').slice(0, 23));
      }),
    );
  });
});

describe('the event contract', () => {
  it('maps event types to topics and validates envelopes', () => {
    expect(topicOf(EventType.USER_DELETED)).toBe('users');
    expect(isEventType('user.created')).toBe(true);
    expect(isEventType('toString')).toBe(false);
    expect(envelopeProblem(userEvent(EventType.USER_CREATED, buildUser()))).toBeUndefined();
    expect(envelopeProblem([])).toBe('the message is not a JSON object');
    expect(envelopeProblem({ event_id: 'x', event_type: 'y', entity_id: 'z', timestamp: 't' })).toBe('"data" is missing or not an object');
  });

  it('generated user events are valid envelopes whose expected rows fit the columns', () => {
    fc.assert(
      fc.property(userEventCase(), userRow(), ({ event, row }, dalRow) => {
        expect(envelopeProblem(JSON.parse(JSON.stringify(event)))).toBeUndefined();
        for (const candidate of [row, dalRow]) {
          for (const [column, limit] of Object.entries(USER_LIMITS)) {
            const value = candidate[column as keyof typeof candidate];
            if (typeof value === 'string') expect([...value].length).toBeLessThanOrEqual(limit);
          }
          expect(candidate.user_id).toMatch(/^[0-9a-f]{24}$/);
        }
      }),
    );
  });

  it('text() produces the awkward characters the suites rely on', () => {
    const samples = fc.sample(text(50), 2_000).join('');
    for (const awkward of ["'", '"', '\\', '😀']) expect(samples).toContain(awkward);
  });
});
