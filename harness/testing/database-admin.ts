/** Creating and dropping the per-file databases on the test server. */
import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';

export function newDatabaseName(runId: string): string {
  return `kt_${runId}_${randomBytes(4).toString('hex')}`;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdminConnection<T>(serverUrl: string, fn: (connection: mysql.Connection) => Promise<T>): Promise<T> {
  const connection = await mysql.createConnection({ uri: serverUrl });
  try {
    return await fn(connection);
  } finally {
    await connection.end();
  }
}

export async function createDatabase(serverUrl: string, database: string): Promise<void> {
  await withAdminConnection(serverUrl, (connection) =>
    connection.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`),
  );
}

export async function dropDatabase(serverUrl: string, database: string): Promise<void> {
  await withAdminConnection(serverUrl, (connection) => connection.query(`DROP DATABASE IF EXISTS \`${database}\``));
}

/** Drops every database this run created, including those of a test file that crashed. */
export async function dropRunDatabases(serverUrl: string, runId: string): Promise<void> {
  await withAdminConnection(serverUrl, async (connection) => {
    const [rows] = await connection.query<mysql.RowDataPacket[]>(
      'SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE ?',
      [`kt\\_${runId}\\_%`],
    );
    for (const row of rows) await connection.query(`DROP DATABASE IF EXISTS \`${String(row.name)}\``);
  });
}
