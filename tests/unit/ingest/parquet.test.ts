import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { loadFile, fromBytes, readParquet, IngestError } from '../../../src/lib/ingest';
import { testTarget, typesOf, type RecordingTarget } from './target';

let db: TestDb;
let target: RecordingTarget;
let dir: string;
const files: Record<string, Uint8Array> = {};

/** Parquet fixtures written by native DuckDB (which has the Parquet extension built in). */
async function makeFixtures(): Promise<void> {
  dir = mkdtempSync(path.join(tmpdir(), 'arkwright-parquet-'));
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const select = `SELECT
      i::INTEGER AS id,
      (i * 1000000000)::BIGINT AS big,
      i / 4 AS ratio,
      CASE WHEN i % 5 = 0 THEN NULL ELSE 'customer ' || i END AS name,
      i % 2 = 0 AS even,
      DATE '2024-01-01' + (i % 100)::INTEGER AS day,
      TIMESTAMP '2024-01-01 10:00:00' + INTERVAL (i) MINUTE AS at,
      (i / 8)::DECIMAL(12, 2) AS price,
      (i)::DECIMAL(38, 4) AS wide,
      CASE WHEN i % 3 = 0 THEN NULL ELSE i END AS maybe,
      (i % 1000)::SMALLINT AS small,
      1.5::FLOAT AS f,
      TIMESTAMPTZ '2024-01-01 10:00:00+00' AS tz,
      TIME '10:11:12' AS t,
      [i, i + 1] AS list,
      {'a': i, 'b': 'x'} AS obj
    FROM range(25000) r(i)`;
  for (const codec of ['snappy', 'gzip', 'zstd']) {
    const file = path.join(dir, `orders_${codec}.parquet`);
    await conn.run(`COPY (${select}) TO '${file}' (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 10000)`);
    files[codec] = new Uint8Array(readFileSync(file));
  }
  const perf = path.join(dir, 'perf.parquet');
  await conn.run(`COPY (SELECT (i % 50000)::BIGINT AS customer_id, DATE '2020-01-01' + (i % 1500)::INTEGER AS order_date,
      round(random() * 200, 2) AS amount, ['web', 'store', 'app'][(i % 3) + 1] AS channel,
      TIMESTAMP '2020-01-01' + INTERVAL (i) SECOND AS at
    FROM range(400000) r(i)) TO '${perf}' (FORMAT parquet, COMPRESSION snappy)`);
  files.perf = new Uint8Array(readFileSync(perf));
  const empty = path.join(dir, 'empty.parquet');
  await conn.run(`COPY (SELECT 1 AS id WHERE false) TO '${empty}' (FORMAT parquet)`);
  files.empty = new Uint8Array(readFileSync(empty));
  conn.closeSync();
  instance.closeSync();
}

beforeAll(async () => {
  [db] = await Promise.all([openTestDb(), makeFixtures()]);
  target = testTarget(db);
});
afterAll(() => {
  db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('Parquet through hyparquet → Arrow → engine', () => {
  it.each(['snappy', 'gzip', 'zstd'])('loads a %s-compressed file with faithful types', async (codec) => {
    const r = await loadFile(fromBytes(`orders_${codec}.parquet`, files[codec]), target);
    expect(r).toMatchObject({ format: 'parquet', rows: 25000 });
    expect(typesOf(db, r.table)).toEqual({
      id: 'INTEGER',
      big: 'BIGINT',
      ratio: 'DOUBLE',
      name: 'VARCHAR',
      even: 'BOOLEAN',
      day: 'DATE',
      at: 'TIMESTAMP',
      price: 'DOUBLE',
      wide: 'DOUBLE',
      maybe: 'BIGINT',
      small: 'SMALLINT',
      f: 'FLOAT',
      tz: 'TIMESTAMP WITH TIME ZONE',
      t: 'TIME',
      list: 'VARCHAR',
      obj: 'VARCHAR',
    });
    const row = db.query(
      `SELECT id, big, name, even, day::VARCHAR AS day, "at"::VARCHAR AS "at", price, wide, maybe, t::VARCHAR AS t, list, obj FROM ${r.table} WHERE id = 7`,
    )[0];
    expect(row).toEqual({
      id: 7,
      big: 7_000_000_000,
      name: 'customer 7',
      even: false,
      day: '2024-01-08',
      at: '2024-01-01 10:07:00',
      price: 0.88,
      wide: 7,
      maybe: 7,
      t: '10:11:12',
      list: '[7,8]',
      obj: '{"a":7,"b":"x"}',
    });
    expect(db.query(`SELECT count(*) FILTER (WHERE name IS NULL) AS a, count(*) FILTER (WHERE maybe IS NULL) AS b, sum(id)::BIGINT AS s FROM ${r.table}`)).toEqual([
      { a: 5000, b: 8334, s: (24999 * 25000) / 2 },
    ]);
    expect(r.notes.join(' ')).toContain('Nested columns were kept as JSON text');
  });

  it('yields bounded chunks: several per row group when asked', async () => {
    const stream = await readParquet(fromBytes('x.parquet', files.snappy), { chunkRows: 4000 });
    const sizes: number[] = [];
    for await (const c of stream.chunks) sizes.push(c.rows);
    expect(stream.totalRows).toBe(25000);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(25000);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4000);
    expect(sizes.length).toBeGreaterThanOrEqual(7);
  });

  it('measures rows per second through hyparquet → Arrow → engine', async () => {
    const t0 = performance.now();
    const r = await loadFile(fromBytes('perf.parquet', files.perf), target, { refine: false });
    const seconds = (performance.now() - t0) / 1000;
    expect(r.rows).toBe(400000);
    console.log(`Parquet: ${r.rows} rows × 5 columns (${(files.perf.length / 1e6).toFixed(1)} MB snappy) in ${seconds.toFixed(2)} s = ${Math.round(r.rows / seconds).toLocaleString('en')} rows/s`);
  });

  it('a truncated file is a clear error', async () => {
    const cut = files.snappy.subarray(0, Math.floor(files.snappy.length / 2));
    try {
      await loadFile(fromBytes('cut.parquet', cut), target);
      throw new Error('expected an error');
    } catch (e) {
      expect(e).toBeInstanceOf(IngestError);
      expect(e).toMatchObject({ file: 'cut.parquet', code: 'truncated' });
      expect((e as IngestError).message).toMatch(/cut\.parquet: The Parquet file is incomplete or damaged.*copy or export the file again/);
    }
  });

  it('a file with no rows is a clear error and leaves no table', async () => {
    await expect(loadFile(fromBytes('empty.parquet', files.empty), target)).rejects.toMatchObject({ code: 'no-rows', file: 'empty.parquet' });
    expect(db.query(`SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'empty'`)).toEqual([{ n: 0 }]);
  });

  it('a Parquet file named .csv loads by content, with a note', async () => {
    const r = await loadFile(fromBytes('export.csv', files.zstd), target);
    expect(r).toMatchObject({ format: 'parquet', rows: 25000 });
    expect(r.notes[0]).toBe('export.csv is really a Parquet file; loaded it as such.');
  });
});
