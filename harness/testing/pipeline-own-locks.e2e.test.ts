/**
 * An end-to-end test whose handler waits on its own transaction's locks (a statement of the
 * transaction sent through the pool) fails at its first lock wait, naming the mistake; the tests
 * after it in the file do not send their events behind it (each would wait seconds), they say why.
 */
import { describe, expect, it } from 'vitest';
import { EventType, type HandlerMap } from '../events/contract.ts';
import { buildUser, userEvent } from '../events/user.ts';
import { getPool, withTransaction } from '../db/pool.ts';
import { useKataDatabase } from './database.ts';
import { useEventPipeline } from './pipeline.ts';

const db = useKataDatabase({ kata: 'harness', tables: () => ['CREATE TABLE things (id VARCHAR(32) PRIMARY KEY, n INT NOT NULL) ENGINE=InnoDB'] });

const handlers: HandlerMap = {
  // the mistake: the second statement goes through the pool, and waits on the row the first one locked
  [EventType.USER_CREATED]: (event) =>
    withTransaction(async (connection) => {
      await connection.execute('INSERT INTO things (id, n) VALUES (?, 1)', [event.entity_id]);
      await getPool().execute('UPDATE things SET n = n + 1 WHERE id = ?', [event.entity_id]);
    }),
};
const pipeline = useEventPipeline({ handlers: () => handlers, topics: ['users'] });

describe('a handler that waits on its own locks, end to end', () => {
  it('fails at the first lock wait, and the next test does not send its event behind it', async () => {
    await db.reset();
    const first = (await pipeline.deliver(userEvent(EventType.USER_CREATED, buildUser())).catch((error: unknown) => error)) as Error;
    expect(first.message).toContain("The consumer's handler waited on a lock until the server gave up");
    const second = userEvent(EventType.USER_CREATED, buildUser());
    const next = (await pipeline.deliver(second).catch((error: unknown) => error)) as Error;
    expect(next.message).toContain('This test did not run its event: an earlier event of this file is still being retried');
    // not sent: it pays no lock wait of its own
    expect(pipeline.log.filter((line) => line.includes(second.entity_id))).toEqual([]);
  });
});
