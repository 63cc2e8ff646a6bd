import type { ColumnInfo } from '../../../src/lib/engine/schema';
import type { TestDb } from '../helpers/duckdb';

/** Six orders small enough to aggregate by hand. Row 6 has no channel, amount or dates. */
export const ORDERS_SQL = `CREATE TABLE orders AS SELECT * FROM (VALUES
  ('a', 'web',   10.0::DOUBLE, 1, DATE '2024-01-03', TIMESTAMP '2024-01-03 10:00', true,  ['x']),
  ('a', 'store', 20.0::DOUBLE, 2, DATE '2024-01-20', TIMESTAMP '2024-01-20 23:30', false, ['x']),
  ('b', 'web',   30.0::DOUBLE, 3, DATE '2024-02-05', TIMESTAMP '2024-02-05 08:00', true,  ['x']),
  ('c', 'web',   40.0::DOUBLE, 4, DATE '2024-02-06', TIMESTAMP '2024-02-06 09:00', true,  ['x']),
  ('c', 'app',   50.0::DOUBLE, 5, DATE '2024-04-01', TIMESTAMP '2024-04-01 00:00', NULL,  ['x']),
  ('d', NULL,    NULL,         6, NULL,              NULL,                         false, ['x'])
) t(customer, channel, amount, qty, day, ts, flag, tags)`;

export async function columnsOf(db: TestDb, table: string): Promise<ColumnInfo[]> {
  return db.query(`DESCRIBE ${table}`).map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

export const isoDay = (ms: unknown): string => new Date(Number(ms)).toISOString().slice(0, 10);
