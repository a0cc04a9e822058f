/** Reference solution, exercise 5.3. */
import { EventType, type EventEnvelope, type HandlerMap } from '../../../harness/events/contract.ts';
import type { UserDeletedData, UserDocument } from '../../../harness/events/user.ts';
import { UserDAL, type SqlDateTime } from './user-dal.ts';

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i;

export class UserConsumer {
  private readonly dal: UserDAL;

  constructor(dal: UserDAL = new UserDAL()) {
    this.dal = dal;
  }

  parseTimestamp(value: string): SqlDateTime;
  parseTimestamp(value: string | null | undefined): SqlDateTime | null;
  parseTimestamp(value: string | null | undefined): SqlDateTime | null {
    if (value === null || value === undefined || value === '') return null;
    const match = ISO_8601.exec(value);
    if (!match) throw new Error(`not an ISO 8601 timestamp: ${JSON.stringify(value)}`);
    const [, year, month, day, hour, minute, second, fraction = '', zone = 'Z'] = match;
    let offsetMinutes = 0;
    if (zone.toUpperCase() !== 'Z') {
      const digits = zone.replace(':', '');
      offsetMinutes = (digits.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
    }
    // Date.UTC works in UTC whatever the machine's zone; the offset turns local wall time into UTC.
    const utcMillis = Date.UTC(+year!, +month! - 1, +day!, +hour!, +minute!, +second!) - offsetMinutes * 60_000;
    const wallTime = new Date(utcMillis).toISOString().slice(0, 19).replace('T', ' ');
    // The fraction is copied digit by digit: a Date would keep only 3 of the 6 digits.
    return `${wallTime}.${fraction.padEnd(6, '0').slice(0, 6)}`;
  }

  async handleUserCreated(event: EventEnvelope<UserDocument>): Promise<void> {
    const { data } = event;
    await this.dal.insertUser({
      user_id: event.entity_id,
      email: data.contact_info.primary_email,
      phone: data.contact_info.phone ?? null,
      display_name: data.profile?.display_name ?? null,
      avatar: data.profile?.avatar ?? null,
      bio: data.profile?.bio ?? null,
      version: data.version,
      deleted_at: this.parseTimestamp(data.deleted_at),
      created_at: this.parseTimestamp(data.created_at),
      updated_at: this.parseTimestamp(data.updated_at),
      event_id: event.event_id,
      event_timestamp: this.parseTimestamp(event.timestamp),
    });
  }

  async handleUserUpdated(event: EventEnvelope<UserDocument>): Promise<void> {
    await this.handleUserCreated(event);
  }

  async handleUserDeleted(event: EventEnvelope<UserDeletedData>): Promise<void> {
    await this.dal.softDeleteUser(event.data.user_id ?? event.entity_id, event.event_id, this.parseTimestamp(event.timestamp));
  }

  getHandlers(): HandlerMap {
    return {
      [EventType.USER_CREATED]: (event) => this.handleUserCreated(event),
      [EventType.USER_UPDATED]: (event) => this.handleUserUpdated(event),
      [EventType.USER_DELETED]: (event) => this.handleUserDeleted(event),
    };
  }
}
