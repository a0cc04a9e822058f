import { describe, expect, it } from 'vitest';
import { databaseUnavailable } from '../kafka/database-errors.ts';
import { reviveError, serializeError } from './pipeline-wire.ts';

const roundTrip = (error: unknown) => reviveError(JSON.parse(JSON.stringify(serializeError(error))));

describe('a handler error crossing the watch session relay', () => {
  it('keeps its message, name and the codes the framework reads: an outage still reads as an outage', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' });
    const revived = roundTrip(refused);
    expect(revived.message).toBe(refused.message);
    expect(revived).toMatchObject({ code: 'ECONNREFUSED', errno: -111, syscall: 'connect' });
    expect(databaseUnavailable(revived)).toBe(databaseUnavailable(refused));
    expect(databaseUnavailable(revived)).toBeDefined();
  });

  it('a bad row stays the event\'s fault', () => {
    const duplicate = Object.assign(new Error("Duplicate entry 'x' for key 'uq'"), { code: 'ER_DUP_ENTRY', errno: 1062, sqlState: '23000' });
    const revived = roundTrip(duplicate);
    expect(revived).toMatchObject({ code: 'ER_DUP_ENTRY', errno: 1062, sqlState: '23000', message: duplicate.message });
    expect(databaseUnavailable(revived)).toBeUndefined();
  });

  it('keeps a wrapped cause and an AggregateError\'s errors (the framework looks inside both)', () => {
    const deadlock = Object.assign(new Error('Deadlock found'), { code: 'ER_LOCK_DEADLOCK', errno: 1213 });
    const wrapped = roundTrip(new Error('could not store the order', { cause: deadlock }));
    expect((wrapped.cause as Error).message).toBe('Deadlock found');
    expect(databaseUnavailable(wrapped)).toBeDefined();
    const aggregate = roundTrip(new AggregateError([deadlock], 'two things failed'));
    expect(aggregate).toBeInstanceOf(AggregateError);
    expect(databaseUnavailable(aggregate)).toBeDefined();
  });

  it('a thrown non-error becomes an error with its text', () => {
    expect(roundTrip('plain string').message).toBe('plain string');
  });
});
