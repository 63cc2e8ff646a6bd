import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { openTestDb, sharedData, type TestDb } from '../helpers/duckdb';
import { loadFile, fromBytes } from '../../../src/lib/ingest';
import { testTarget, typesOf, bytes, type RecordingTarget } from './target';

let db: TestDb;
let target: RecordingTarget;

beforeAll(async () => {
  db = await openTestDb();
  target = testTarget(db);
});
afterAll(() => db?.close());

const cdnow = sharedData('cdnow/CDNOW_sample.txt');

describe('whitespace-aligned text', () => {
  it.skipIf(!cdnow)('loads CDNOW_sample.txt as 6,919 rows with 5 typed columns (skipped when ../shared/data is absent)', async () => {
    const file = readFileSync(cdnow as string);
    const r = await loadFile(fromBytes('CDNOW_sample.txt', new Uint8Array(file)), target);
    expect(r).toMatchObject({ table: 'cdnow_sample', format: 'aligned', rows: 6919 });
    expect(r.columns).toEqual([
      { name: 'column_1', type: 'BIGINT' },
      { name: 'column_2', type: 'BIGINT' },
      { name: 'column_3', type: 'DATE' },
      { name: 'column_4', type: 'BIGINT' },
      { name: 'column_5', type: 'DOUBLE' },
    ]);
    expect(db.query('SELECT * FROM cdnow_sample LIMIT 1')).toEqual([
      { column_1: 4, column_2: 1, column_3: Date.UTC(1997, 0, 1), column_4: 2, column_5: 29.33 },
    ]);
    expect(db.query('SELECT count(DISTINCT column_2) AS customers, round(sum(column_5), 2) AS revenue FROM cdnow_sample')).toEqual([
      { customers: 2357, revenue: expect.any(Number) },
    ]);
    // The staging table is gone.
    expect(db.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'arkwright_staging%'`)).toEqual([{ n: 0 }]);
  });

  it('reads a header line and fixed-width columns with spaces inside values', async () => {
    const text =
      ['name          city         amount  since', 'Ann Smith     New York      12.50  20240105', 'Bob Jones     Paris          7.00  20231130', 'Cy Twombly    Rome         100.25  20220701'].join(
        '\r\n',
      ) + '\r\n';
    const r = await loadFile(fromBytes('report.txt', bytes(text)), target);
    expect(r.format).toBe('aligned');
    expect(typesOf(db, r.table)).toEqual({ name: 'VARCHAR', city: 'VARCHAR', amount: 'DOUBLE', since: 'DATE' });
    expect(db.query(`SELECT name, city FROM ${r.table} ORDER BY amount DESC LIMIT 1`)).toEqual([{ name: 'Cy Twombly', city: 'Rome' }]);
  });

  it('keeps a column as text when a late value is not a number', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) lines.push(` ${String(i).padStart(5, '0')}  ${i === 1500 ? '  n/a' : String(i * 2).padStart(5)}`);
    const r = await loadFile(fromBytes('late.txt', bytes(lines.join('\n'))), target);
    expect(typesOf(db, r.table)).toEqual({ column_1: 'BIGINT', column_2: 'VARCHAR' });
    expect(r.rows).toBe(2000);
  });
});
