/**
 * Kata 00: green out of the box. If this file is red, the problem is the environment, not your
 * code: the message says what is missing (and `npm test` printed which servers it used).
 */
import { describe, expect, it } from 'vitest';
import { EventType, type EventEnvelope, type HandlerMap } from '../../harness/events/contract.ts';
import { buildUser, userEvent } from '../../harness/events/user.ts';
import { useKataDatabase } from '../../harness/testing/database.ts';
import { useEventPipeline } from '../../harness/testing/pipeline.ts';

const db = useKataDatabase({ kata: '00-setup' });

const received: EventEnvelope[] = [];
const handlers: HandlerMap = {
  [EventType.USER_CREATED]: async (event) => {
    received.push(event);
  },
};
const pipeline = useEventPipeline({ handlers: () => handlers, topics: ['users'] });

describe('kata 00: the environment works', () => {
  it('reaches the MySQL server, in UTC and utf8mb4', async () => {
    const [row] = await db.rows<{ one: number; zone: string; charset: string }>(
      'SELECT 1 AS one, @@session.time_zone AS zone, @@character_set_connection AS charset',
    );
    expect(row).toEqual({ one: 1, zone: '+00:00', charset: 'utf8mb4' });
  });

  it('delivers an event through Kafka to the handler registered for its type', async () => {
    const event = userEvent(EventType.USER_CREATED, buildUser());
    const processed = await pipeline.deliver(event);
    expect(processed.outcome).toBe('stored');
    expect(received.map((e) => e.event_id)).toContain(event.event_id);
  });

  it('logs one line per processed event (what `npm run service` prints)', async () => {
    const event = userEvent(EventType.USER_CREATED, buildUser());
    await pipeline.deliver(event);
    expect(pipeline.log.find((line) => line.includes(event.event_id))).toMatch(/stored\s+user\.created/);
  });
});
