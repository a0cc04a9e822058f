/** Waiting inside a delivery without losing the group, and stopping the wait when the member stops. */
import { setTimeout as delay } from 'node:timers/promises';
import type { Delivery } from './broker.ts';

/** The wait ended because the member stops or lost the partition: the message stays uncommitted. */
export class Interrupted extends Error {
  constructor() {
    super('interrupted: the consumer is stopping or lost the partition');
    this.name = 'Interrupted';
  }
}

/** Capped exponential backoff: initialMs, 2 x initialMs, 4 x initialMs... never more than maxMs. */
export function backoffMs(step: number, initialMs: number, maxMs: number): number {
  return Math.min(initialMs * 2 ** step, maxMs);
}

/**
 * Waits ms, in slices of at most a second with a heartbeat after each (a wait longer than the
 * session timeout would otherwise get the member thrown out of its group). Throws Interrupted as
 * soon as the delivery is no longer active.
 */
export async function pause(ms: number, delivery: Delivery): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (!delivery.active()) throw new Interrupted();
    const left = until - Date.now();
    if (left <= 0) return;
    await delay(Math.min(left, 1_000), undefined, { signal: delivery.signal }).catch(() => undefined);
    if (!delivery.active()) throw new Interrupted();
    await delivery.heartbeat();
  }
}
