/**
 * The course's one rule for unknown ids: an event that only names an entity (a `*.deleted`, an
 * `order.cancelled`) for an id the database does not have changes nothing. It is not an error
 * and not dead-lettered (a delete delivered again after its row went looks just the same): the
 * service logs it as `skipped ... no <table> row has <id>=...` and commits it. An event that
 * carries the whole document (created, updated, status_changed) is stored, known or not.
 *
 * The harness checks this before the handler, in the domain's table (domain.ts: table, idField),
 * so every kata follows the rule whatever its handler does with an unknown id.
 */
import type { Pool, RowDataPacket } from 'mysql2/promise';
import { domainOf, isEventType, type EventEnvelope } from '../events/contract.ts';

/** Event types that only name their entity: nothing to apply without it. */
export function namesOnly(eventType: string): boolean {
  return isEventType(eventType) && /\.(deleted|cancelled)$/.test(eventType);
}

export type KnownEntity = (event: EventEnvelope) => Promise<{ known: boolean; where: string } | undefined>;

/**
 * Whether the entity an event names has a row. undefined when the event carries its document, or
 * when the table cannot tell (not created yet, another shape): then the handler decides.
 * Database outages are thrown, so that the consumer waits for the database as for a handler.
 */
export function knownEntityIn(pool: () => Pool): KnownEntity {
  return async (event) => {
    if (!namesOnly(event.event_type)) return undefined;
    const { table, idField } = domainOf(event.event_type as Parameters<typeof domainOf>[0]);
    try {
      const [rows] = await pool().query<RowDataPacket[]>(`SELECT 1 FROM \`${table}\` WHERE \`${idField}\` = ? LIMIT 1`, [event.entity_id]);
      return { known: rows.length > 0, where: `no ${table} row has ${idField}=${event.entity_id}` };
    } catch (error) {
      const errno = (error as { errno?: unknown }).errno;
      // no such table (1146) or column (1054): the kata is not that far; its handler decides
      if (errno === 1146 || errno === 1054) return undefined;
      throw error;
    }
  };
}
