/** Reference solution, exercise 5.2. */
import { getPool } from '../../../harness/db/pool.ts';
import type { SqlDateTime, UserRow } from '../../../harness/events/user.ts';

export type { SqlDateTime, UserRow };

const INSERT_USER = `
  INSERT INTO users
    (user_id, email, phone, display_name, avatar, bio, version,
     deleted_at, created_at, updated_at, event_id, event_timestamp)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON DUPLICATE KEY UPDATE
    email           = VALUES(email),
    phone           = VALUES(phone),
    display_name    = VALUES(display_name),
    avatar          = VALUES(avatar),
    bio             = VALUES(bio),
    version         = VALUES(version),
    deleted_at      = VALUES(deleted_at),
    updated_at      = VALUES(updated_at),
    event_id        = VALUES(event_id),
    event_timestamp = VALUES(event_timestamp)`;

const SOFT_DELETE_USER = `
  UPDATE users
     SET deleted_at = NOW(6), event_id = ?, event_timestamp = ?
   WHERE user_id = ?`;

export class UserDAL {
  async insertUser(user: UserRow): Promise<void> {
    await getPool().execute(INSERT_USER, [
      user.user_id,
      user.email,
      user.phone,
      user.display_name,
      user.avatar,
      user.bio,
      user.version,
      user.deleted_at,
      user.created_at,
      user.updated_at,
      user.event_id,
      user.event_timestamp,
    ]);
  }

  async softDeleteUser(userId: string, eventId: string, eventTimestamp: SqlDateTime): Promise<void> {
    await getPool().execute(SOFT_DELETE_USER, [eventId, eventTimestamp, userId]);
  }
}
