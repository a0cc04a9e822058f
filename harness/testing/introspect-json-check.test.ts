/** MariaDB's JSON columns are found through CHECK_CONSTRAINTS; only MySQL's "no such column" answer means "none". */
import type { Pool } from 'mysql2/promise';
import { describe, expect, it } from 'vitest';
import { jsonCheckedColumns } from './introspect.ts';

const failingPool = (errno: number, message: string) =>
  ({ query: () => Promise.reject(Object.assign(new Error(message), { errno })) }) as unknown as Pool;

describe('jsonCheckedColumns', () => {
  it("reads MySQL's missing TABLE_NAME column (error 1054) as no JSON-checked column", async () => {
    await expect(jsonCheckedColumns(failingPool(1054, "Unknown column 'TABLE_NAME' in 'where clause'"), 'users')).resolves.toEqual(new Set());
  });
  it('lets every other error through (a lost connection is not "no JSON column")', async () => {
    await expect(jsonCheckedColumns(failingPool(2013, 'Lost connection to server during query'), 'users')).rejects.toThrow('Lost connection');
    await expect(jsonCheckedColumns(failingPool(1146, "Table 'information_schema.CHECK_CONSTRAINTS' doesn't exist"), 'users')).rejects.toThrow("doesn't exist");
  });
});
