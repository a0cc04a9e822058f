/** Reference solution, exercise 5.3. */
import { EventType, type EventEnvelope, type HandlerMap } from '../../../harness/events/contract.ts';
import type { UserDeletedData, UserDocument } from '../../../harness/events/user.ts';
import { UserDAL, type SqlDateTime } from './user-dal.ts';

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i;

/** Days in a month of the Gregorian calendar (month 1-12). */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

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
    const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
    // A date or time that does not exist is refused, not moved: Date.UTC would roll
    // February 30th over to March 1st, 25:61 to the next day, and years 0-99 to 1900-1999.
    if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59) {
      throw new Error(`not a date and time that exists: ${JSON.stringify(value)}`);
    }
    let offsetMinutes = 0;
    if (zone.toUpperCase() !== 'Z') {
      const digits = zone.replace(':', '');
      const [offsetHours, offsetRest] = [Number(digits.slice(1, 3)), Number(digits.slice(3, 5))];
      if (offsetHours > 23 || offsetRest > 59) throw new Error(`not a UTC offset that exists: ${JSON.stringify(value)}`);
      offsetMinutes = (digits.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetRest);
    }
    // Date.UTC works in UTC whatever the machine's zone; the offset turns local wall time into UTC.
    // (setUTCFullYear, because Date.UTC reads the years 0-99 as 1900-1999.)
    const wall = new Date(Date.UTC(2000, mo - 1, d, h, mi, s));
    wall.setUTCFullYear(y);
    const utc = new Date(wall.getTime() - offsetMinutes * 60_000);
    if (utc.getUTCFullYear() < 1 || utc.getUTCFullYear() > 9999) throw new Error(`outside the years 0001-9999 once in UTC: ${JSON.stringify(value)}`);
    const wallTime = utc.toISOString().slice(0, 19).replace('T', ' ');
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
