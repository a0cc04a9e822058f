/** npm run sql -- "SELECT ..." : runs one statement on the service's database and prints the result as a table. */
import { parseArgs } from 'node:util';
import type { FieldPacket, ResultSetHeader, RowDataPacket } from 'mysql2/promise';
import { exactDoubles } from '../db/exact-doubles.ts';
import { createPool } from '../db/pool.ts';
import { findEndpoints } from '../dev/environment.ts';
import { UsageError } from '../learn/katas.ts';
import { runCli } from './run-cli.ts';
import { renderTable } from './table.ts';

runCli('npm run sql -- "SELECT * FROM users LIMIT 5"', async () => {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length !== 1 || !positionals[0]!.trim()) throw new UsageError('Give one SQL statement, in quotes.');
  const pool = createPool(findEndpoints().mysqlUrl, { connectionLimit: 1 });
  try {
    const [result, fields] = (await pool.query({ sql: positionals[0]!, typeCast: exactDoubles })) as [RowDataPacket[] | ResultSetHeader, FieldPacket[] | undefined];
    if (Array.isArray(result)) {
      const columns = (fields ?? []).map((field) => field.name);
      console.log(result.length === 0 ? `(no rows; columns: ${columns.join(', ')})` : renderTable(result, columns));
      if (result.length > 0) console.log(`${result.length} row${result.length === 1 ? '' : 's'}`);
    } else {
      console.log(`OK, ${result.affectedRows} row${result.affectedRows === 1 ? '' : 's'} affected`);
    }
  } finally {
    await pool.end();
  }
});
