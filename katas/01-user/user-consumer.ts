/**
 * Exercise 5.3 (Consumer): turns user events from Kafka into rows, through UserDAL.
 *
 * The framework (harness/kafka/event-consumer.ts) reads the `users` topic, parses each message
 * and calls the handler that getHandlers() registered for its event_type. When a handler's
 * promise resolves, the event counts as stored; when it throws, the framework retries, then
 * parks the event on the dead-letter topic and logs why.
 *
 * Check yourself with: npm test -- katas/01-user/5.3
 */
import { EventType, type EventEnvelope, type HandlerMap } from '../../harness/events/contract.ts';
import type { UserDeletedData, UserDocument } from '../../harness/events/user.ts';
import { notImplemented } from '../../harness/not-started.ts';
import { UserDAL, type SqlDateTime } from './user-dal.ts';

export class UserConsumer {
  private readonly dal: UserDAL;

  constructor(dal: UserDAL = new UserDAL()) {
    this.dal = dal;
  }

  /**
   * Converts the backend's ISO 8601 timestamps to what a DATETIME(6) column takes, in UTC:
   *
   *   '2024-01-15T10:30:00.123456Z'       -> '2024-01-15 10:30:00.123456'
   *   '2024-01-15T16:00:00.123456+05:30'  -> '2024-01-15 10:30:00.123456'  (shifted to UTC)
   *   '2024-01-15T10:30:00Z'              -> '2024-01-15 10:30:00.000000'
   *   '2024-01-15T10:30:00.123456'        -> '2024-01-15 10:30:00.123456'  (no offset: already UTC)
   *   null, undefined or ''               -> null
   *   '2024-02-30T10:00:00Z'              -> throws: February has no 30th (see below)
   *
   * A date or time that does not exist (February 30th, month 13, 25:61, year 0000, offset +24:00)
   * is refused: throw an Error that names the value, never move it to another day. Date.UTC()
   * rolls such values over without a word, so check the parts first. The framework then
   * dead-letters the event with your message (README, exercise 5.3, "Refuse what does not exist").
   *
   * Careful: a JavaScript Date keeps only milliseconds (the last 3 digits would be lost), and
   * its getHours()/getDate() speak the machine's local time zone. The result must be the same
   * on every machine.
   */
  parseTimestamp(value: string): SqlDateTime;
  parseTimestamp(value: string | null | undefined): SqlDateTime | null;
  parseTimestamp(value: string | null | undefined): SqlDateTime | null {
    throw notImplemented('01-user', '5.3', 'UserConsumer.parseTimestamp');
  }

  /**
   * Handles user.created: flattens the document into one UserRow and calls this.dal.insertUser().
   *
   * Where each column comes from:
   *   user_id          <- event.entity_id
   *   email            <- event.data.contact_info.primary_email
   *   phone            <- event.data.contact_info.phone            (may be missing -> null)
   *   display_name     <- event.data.profile.display_name          (profile itself may be missing -> null)
   *   avatar           <- event.data.profile.avatar                (-> null when missing)
   *   bio              <- event.data.profile.bio                   (-> null when missing)
   *   version          <- event.data.version
   *   deleted_at       <- event.data.deleted_at   (parseTimestamp; null when missing)
   *   created_at       <- event.data.created_at   (parseTimestamp)
   *   updated_at       <- event.data.updated_at   (parseTimestamp)
   *   event_id         <- event.event_id
   *   event_timestamp  <- event.timestamp         (parseTimestamp)
   *
   * A missing value must become null, not undefined: the database driver refuses undefined.
   */
  async handleUserCreated(event: EventEnvelope<UserDocument>): Promise<void> {
    throw notImplemented('01-user', '5.3', 'UserConsumer.handleUserCreated');
  }

  /** Handles user.updated: the event carries the whole document again, so it is the same upsert as created. */
  async handleUserUpdated(event: EventEnvelope<UserDocument>): Promise<void> {
    throw notImplemented('01-user', '5.3', 'UserConsumer.handleUserUpdated');
  }

  /**
   * Handles user.deleted: calls this.dal.softDeleteUser(userId, event.event_id, event_timestamp).
   *   userId          <- event.data.user_id, or event.entity_id (they are the same)
   *   event_timestamp <- event.timestamp (parseTimestamp)
   */
  async handleUserDeleted(event: EventEnvelope<UserDeletedData>): Promise<void> {
    throw notImplemented('01-user', '5.3', 'UserConsumer.handleUserDeleted');
  }

  /**
   * Tells the framework which method handles which event type:
   *   EventType.USER_CREATED -> handleUserCreated, USER_UPDATED -> handleUserUpdated,
   *   USER_DELETED -> handleUserDeleted.
   * The framework calls a handler as a plain function: make sure `this` still works inside it.
   */
  getHandlers(): HandlerMap {
    throw notImplemented('01-user', '5.3', 'UserConsumer.getHandlers');
  }
}
