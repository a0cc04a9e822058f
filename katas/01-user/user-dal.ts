/**
 * Exercise 5.2 (DAL): the data-access layer of the `users` table: raw, parameterized SQL.
 *
 * Get the shared pool with getPool() and run statements with placeholders:
 *
 *   await getPool().execute('UPDATE users SET email = ? WHERE user_id = ?', [email, userId]);
 *
 * Never paste values into the SQL text: an email like  o'brien@example.com  would break the
 * statement, and a crafted one could run SQL of its own (SQL injection). Placeholders (?) send
 * the values separately, so any text arrives exactly as it was.
 *
 * Check yourself with: npm test -- katas/01-user/5.2
 */
import { getPool } from '../../harness/db/pool.ts';
import { notImplemented } from '../../harness/not-started.ts';
import type { SqlDateTime, UserRow } from '../../harness/events/user.ts';

export type { SqlDateTime, UserRow };

export class UserDAL {
  /**
   * Inserts the user, or updates it when a row with this user_id already exists (an "upsert").
   *
   * SQL pattern: INSERT INTO users (...12 columns...) VALUES (?, ?, ...) ON DUPLICATE KEY UPDATE ...
   *  - insert all 12 columns of `user` (one ? per column, values in the same order);
   *  - on a duplicate user_id, update every column EXCEPT user_id (the key) and created_at
   *    (when the user signed up never changes), with `column = VALUES(column)`.
   *
   * Kafka may deliver the same event twice; with an upsert, storing it twice leaves the same row.
   * The last event applied wins, not the newest: a late copy of an older event rolls the row
   * back. That is this kata's rule (README, exercise 5.2, "Replays roll a row back").
   */
  async insertUser(user: UserRow): Promise<void> {
    throw notImplemented('01-user', '5.2', 'UserDAL.insertUser');
  }

  /**
   * Soft-deletes a user: the row stays (analytics still counts it), only deleted_at is set.
   *
   * SQL pattern: UPDATE users SET ... WHERE user_id = ?
   *  - deleted_at = NOW(6): the server's current time, with microseconds (a redelivered delete
   *    sets it again: README, exercise 5.2, "Replays roll a row back");
   *  - event_id and event_timestamp = the values of the delete event (which event touched the row last);
   *  - an unknown user_id changes nothing (and is not an error).
   */
  async softDeleteUser(userId: string, eventId: string, eventTimestamp: SqlDateTime): Promise<void> {
    throw notImplemented('01-user', '5.2', 'UserDAL.softDeleteUser');
  }
}
