import { describe, expect, it } from 'vitest';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { arrowToParquet, parquetReadySql, parquetType } from '../../src/lib/engine/exportSql';
import { openTestDb } from './helpers/duckdb';

describe('export to Parquet', () => {
  it('maps engine types onto Parquet types', () => {
    expect(parquetType('BIGINT')).toBe('INT64');
    expect(parquetType('DECIMAL(18,2)')).toBe('DOUBLE');
    expect(parquetType('DATE')).toBe('TIMESTAMP');
    expect(parquetType('VARCHAR')).toBe('STRING');
    expect(parquetType('VARCHAR[]')).toBe('STRING');
  });

  it('writes a result that reads back with the same values', async () => {
    const db = await openTestDb();
    db.query(`CREATE TABLE r AS SELECT * FROM (VALUES
      ('C1', 3::BIGINT, 12.5::DECIMAL(10,2), DATE '2024-01-02', TIMESTAMP '2024-01-02 10:30:00', true, ['web', 'store']),
      ('C''2', NULL, NULL, NULL, NULL, NULL, NULL)) t(customer_id, orders, revenue, first_day, last_at, vip, channels)`);
    const columns = db.query('DESCRIBE r').map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
    const bytes = arrowToParquet(db.queryArrow(parquetReadySql('r', columns)), columns);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    expect(parquetMetadata(file).num_rows).toBe(2n);
    const rows = await parquetReadObjects({ file });
    expect(rows[0].customer_id).toBe('C1');
    expect(rows[0].orders).toBe(3n);
    expect(rows[0].revenue).toBe(12.5);
    expect((rows[0].first_day as Date).toISOString()).toBe('2024-01-02T00:00:00.000Z');
    expect((rows[0].last_at as Date).toISOString()).toBe('2024-01-02T10:30:00.000Z');
    expect(rows[0].vip).toBe(true);
    expect(rows[0].channels).toBe('[web, store]');
    expect(rows[1]).toMatchObject({ customer_id: "C'2", orders: null, revenue: null, vip: null });
    db.close();
  });
});
