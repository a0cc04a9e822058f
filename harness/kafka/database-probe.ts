/**
 * What the database is doing while a statement does not answer, for the service's "waiting ... for
 * the database" line: whether it answers a new connection at all (a frozen or overloaded server
 * does not), and if it does, its longest-running statement and how many transactions wait for a
 * lock. Bounded in time: the probe itself must never hang.
 */
import mysql from 'mysql2/promise';

type ProcessRow = mysql.RowDataPacket & { TIME: number; STATE: string | null; INFO: string | null };

export function databaseProbe(url: string, timeoutMs = 2_000): () => Promise<string> {
  return async () => {
    let connection: mysql.Connection | undefined;
    const timer = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref());
    try {
      connection = await Promise.race([mysql.createConnection({ uri: url, connectTimeout: timeoutMs }), timer]);
      const [rows] = await Promise.race([
        connection.query<ProcessRow[]>({
          sql:
            "SELECT TIME, STATE, LEFT(INFO, 160) AS INFO FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND COMMAND NOT IN ('Sleep', 'Daemon') AND INFO IS NOT NULL ORDER BY TIME DESC LIMIT 1",
          timeout: timeoutMs,
        }),
        timer,
      ]);
      const [locks] = await Promise.race([
        connection.query<mysql.RowDataPacket[]>({ sql: "SELECT COUNT(*) AS waiting FROM information_schema.INNODB_TRX WHERE trx_state = 'LOCK WAIT'", timeout: timeoutMs }),
        timer,
      ]);
      const waiting = Number(locks[0]?.waiting ?? 0);
      const lockPart = waiting > 0 ? `; ${waiting} transaction${waiting === 1 ? '' : 's'} wait for a row lock another transaction holds` : '';
      const longest = rows[0];
      if (!longest) return `the database answers a new connection and runs no statement right now${lockPart}`;
      return `the database answers a new connection; its longest statement has run ${longest.TIME} s (${longest.STATE || 'no state'}): ${String(longest.INFO).replace(/\s+/g, ' ')}${lockPart}`;
    } catch {
      return `the database does not answer a new connection within ${timeoutMs / 1000} s either: the server is frozen, overloaded or unreachable`;
    } finally {
      connection?.destroy();
    }
  };
}
