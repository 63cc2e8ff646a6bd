import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { loadFile, fromBytes, readJson, IngestError } from '../../../src/lib/ingest';
import { testTarget, typesOf, bytes, type RecordingTarget } from './target';

let db: TestDb;
let target: RecordingTarget;
const tables = new Set<string>();

beforeAll(async () => {
  db = await openTestDb();
  target = testTarget(db);
});
afterAll(() => db?.close());

async function load(name: string, content: string | Uint8Array) {
  const r = await loadFile(fromBytes(name, typeof content === 'string' ? bytes(content) : content), target, { existingTables: tables });
  tables.add(r.table);
  return r;
}

const records = Array.from({ length: 2500 }, (_, i) => ({
  customer_id: `C${i % 40}`,
  order_id: i,
  amount: i % 3 === 0 ? 10 : i / 8,
  paid: i % 4 !== 0,
  ordered_at: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}T10:${String(i % 60).padStart(2, '0')}:00Z`,
  day: `2024-03-${String(1 + (i % 28)).padStart(2, '0')}`,
  address: { city: i % 2 ? 'Paris' : 'Lyon', zip: '750' + (i % 10) },
  tags: ['a', 'b'],
  coupon: i % 10 === 0 ? 'SPRING' : null,
}));

describe('JSON and NDJSON', () => {
  it('loads an array of objects with inferred types, nested objects flattened', async () => {
    const r = await load('orders.json', JSON.stringify(records, null, 2));
    expect(r).toMatchObject({ format: 'json', rows: 2500 });
    expect(typesOf(db, r.table)).toEqual({
      customer_id: 'VARCHAR',
      order_id: 'BIGINT',
      amount: 'DOUBLE',
      paid: 'BOOLEAN',
      ordered_at: 'TIMESTAMP',
      day: 'DATE',
      address_city: 'VARCHAR',
      address_zip: 'VARCHAR',
      tags: 'VARCHAR',
      coupon: 'VARCHAR',
    });
    expect(db.query(`SELECT ordered_at::VARCHAR AS t, tags, address_city FROM ${r.table} WHERE order_id = 61`)).toEqual([
      { t: '2024-03-06 10:01:00', tags: '["a","b"]', address_city: 'Paris' },
    ]);
    expect(r.notes.join(' ')).toContain('"tags"');
  });

  it('loads NDJSON and gzip-compressed NDJSON', async () => {
    const nd = records.map((x) => JSON.stringify(x)).join('\n') + '\n';
    const a = await load('events.ndjson', nd);
    expect(a).toMatchObject({ format: 'ndjson', rows: 2500 });
    const b = await load('events.jsonl.gz', gzipSync(Buffer.from(nd)));
    expect(b).toMatchObject({ format: 'ndjson', gzip: true, rows: 2500, table: 'events_2' });
    expect(typesOf(db, b.table)).toEqual(typesOf(db, a.table));
  });

  it('streams in bounded chunks after a first pass for types', async () => {
    const stream = await readJson(fromBytes('x.json', bytes(JSON.stringify(records))), { layout: 'array', chunkRows: 1000 });
    const sizes: number[] = [];
    for await (const c of stream.chunks) sizes.push(c.rows);
    expect(sizes).toEqual([1000, 1000, 500]);
  });

  it('reads the records inside a wrapping object', async () => {
    const r = await load('export.json', JSON.stringify({ meta: { count: 2 }, data: [{ id: 1 }, { id: 2 }] }));
    expect(r).toMatchObject({ format: 'json-object', rows: 2 });
    expect(r.notes.join(' ')).toContain('under "data"');
  });

  it('keeps mixed values as text and missing keys as NULL', async () => {
    const r = await load('mixed.json', '[{"code": 1, "x": true}, {"code": "A-7"}, {"code": 3.5, "y": "2024-01-01"}]');
    expect(typesOf(db, r.table)).toEqual({ code: 'VARCHAR', x: 'BOOLEAN', y: 'DATE' });
    expect(db.query(`SELECT code, x FROM ${r.table}`)).toEqual([
      { code: '1', x: true },
      { code: 'A-7', x: null },
      { code: '3.5', x: null },
    ]);
    expect(r.notes.join(' ')).toContain('"code"');
  });

  it('handles strings with brackets, quotes and escapes', async () => {
    const tricky = [{ s: 'a ] } , [ {', t: 'quote " and \\ backslash', u: 'line\nbreak' }, { s: '☃', t: '', u: null }];
    const r = await load('tricky.json', JSON.stringify(tricky));
    expect(db.query(`SELECT s, t, u FROM ${r.table}`)).toEqual([
      { s: 'a ] } , [ {', t: 'quote " and \\ backslash', u: 'line\nbreak' },
      { s: '☃', t: '', u: null },
    ]);
  });

  it('malformed and empty JSON are clear errors', async () => {
    for (const [name, text, code] of [
      ['cut.json', '[{"a": 1}, {"a": 2', 'malformed'],
      ['bad.ndjson', '{"a": 1}\n{"a": nope}\n', 'malformed'],
      ['none.json', '[]', 'no-rows'],
      ['scalars.json', '[1, 2, 3]', 'unsupported'],
    ] as const) {
      try {
        await load(name, text);
        throw new Error(`expected an error for ${name}`);
      } catch (e) {
        expect(e).toBeInstanceOf(IngestError);
        expect(e).toMatchObject({ file: name, code });
        expect((e as IngestError).message.startsWith(`${name}: `)).toBe(true);
      }
    }
  });
});
