/** Reference solution, exercise 5.1. */
export const tables: string[] = [
  `CREATE TABLE IF NOT EXISTS users (
     user_id         VARCHAR(24)  NOT NULL,
     email           VARCHAR(255) NOT NULL,
     phone           VARCHAR(50)  NULL,
     display_name    VARCHAR(100) NULL,
     avatar          VARCHAR(500) NULL,
     bio             TEXT         NULL,
     version         INT          NOT NULL DEFAULT 1,
     deleted_at      DATETIME(6)  NULL,
     created_at      DATETIME(6)  NOT NULL,
     updated_at      DATETIME(6)  NOT NULL,
     event_id        VARCHAR(36)  NOT NULL,
     event_timestamp DATETIME(6)  NOT NULL,
     PRIMARY KEY (user_id),
     INDEX idx_users_email (email),
     INDEX idx_users_created_at (created_at)
   ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`,
];
