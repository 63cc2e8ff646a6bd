import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { openTestDb, sharedData, type TestDb } from '../helpers/duckdb';
import { loadFile, fromBytes, IngestError, csvLoadSql, sniffFile } from '../../../src/lib/ingest';
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

async function loadError(name: string, content: string | Uint8Array): Promise<IngestError> {
  try {
    await load(name, content);
  } catch (e) {
    expect(e).toBeInstanceOf(IngestError);
    const err = e as IngestError;
    expect(err.file).toBe(name);
    expect(err.message).toContain(name);
    expect(err.hint.length).toBeGreaterThan(10);
    return err;
  }
  throw new Error('expected an IngestError');
}

describe('CSV into the engine', () => {
  it('loads comma, semicolon, tab and pipe files with typed columns', async () => {
    for (const [d, name] of [
      [',', 'orders.csv'],
      [';', 'orders.csv'],
      ['\t', 'orders.tsv'],
      ['|', 'orders.txt'],
    ] as const) {
      const text = ['customer_id', 'order_date', 'amount', 'channel'].join(d) + '\n' + ['1', '2024-01-05', '10.5', 'web'].join(d) + '\n' + ['2', '2024-02-01', '7', 'store'].join(d) + '\n';
      const r = await load(name, text);
      expect(r.rows).toBe(2);
      expect(r.columns.map((c) => c.type)).toEqual(['BIGINT', 'DATE', 'DOUBLE', 'VARCHAR']);
    }
    expect([...tables].slice(0, 4)).toEqual(['orders', 'orders_2', 'orders_3', 'orders_4']);
  });

  const reference = sharedData('cdnow/cdnow_sample.csv');
  it.skipIf(!reference)('loads the reference cdnow_sample.csv (skipped when ../shared/data is absent)', async () => {
    const r = await load('cdnow_sample.csv', new Uint8Array(readFileSync(reference as string)));
    expect(r.rows).toBe(6919);
    expect(r.columns).toEqual([
      { name: 'customer_id', type: 'BIGINT' },
      { name: 'date', type: 'DATE' },
      { name: 'cds', type: 'BIGINT' },
      { name: 'dollars', type: 'DOUBLE' },
    ]);
  });

  it('loads a file without a header', async () => {
    const r = await load('nohdr.csv', '1,2024-01-01,9.5\n2,2024-01-02,3.5\n3,2024-01-03,1\n');
    expect(r.rows).toBe(3);
    expect(r.columns).toEqual([
      { name: 'column_1', type: 'BIGINT' },
      { name: 'column_2', type: 'DATE' },
      { name: 'column_3', type: 'DOUBLE' },
    ]);
  });

  it('loads European decimals', async () => {
    const r = await load('eu.csv', 'id;amount;total\n1;1,5;1.234,50\n2;3,25;2.000,00\n');
    expect(typesOf(db, r.table)).toEqual({ id: 'BIGINT', amount: 'DOUBLE', total: 'DOUBLE' });
    expect(db.query(`SELECT sum(amount) AS a, sum(total) AS t FROM ${r.table}`)).toEqual([{ a: 4.75, t: 3234.5 }]);
  });

  it('loads UTF-8 with a BOM and quoted fields holding newlines', async () => {
    const r = await load('bom.csv', '\ufeffid,note\n1,"line1\nline2"\n2,"a ""quoted"" word"\n');
    expect(r.columns.map((c) => c.name)).toEqual(['id', 'note']);
    expect(db.query(`SELECT note FROM ${r.table} ORDER BY id`)).toEqual([{ note: 'line1\nline2' }, { note: 'a "quoted" word' }]);
  });

  it('reads .csv.gz (read_csv decompresses a registered .gz name itself)', async () => {
    const lines = ['id,amount'];
    for (let i = 0; i < 5000; i++) lines.push(`${i},${i / 2}`);
    const r = await load('big.csv.gz', gzipSync(Buffer.from(lines.join('\n'))));
    expect(r).toMatchObject({ table: 'big', rows: 5000, gzip: true });
    expect(target.registered.at(-1)).toBe('arkwright_ingest_big.csv.gz');
  });

  it('loads ragged rows with a note', async () => {
    const r = await load('ragged.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n');
    expect(r.rows).toBe(3);
    expect(r.notes.join(' ')).toContain('different number of values');
    expect(db.query(`SELECT c FROM ${r.table} ORDER BY a`)).toEqual([{ c: 3 }, { c: null }, { c: 8 }]);
  });

  it('retries when ragged rows appear after the sniffed sample', async () => {
    const lines = ['a,b,c'];
    for (let i = 0; i < 30000; i++) lines.push(i === 25000 ? '1,2' : i === 26000 ? '1,2,3,4' : `${i},${i},x${i}`);
    const r = await load('late_ragged.csv', lines.join('\n'));
    expect(r.rows).toBe(30000);
    expect(r.notes.join(' ')).toContain('different number of values');
  });

  it('reads every row to type a column that changes kind late', async () => {
    const lines = ['id,amount'];
    for (let i = 0; i < 40000; i++) lines.push(i === 39000 ? 'X-1,N/A' : `${i},${i}`);
    const r = await load('late_text.csv', lines.join('\n'));
    expect(r.rows).toBe(40000);
    expect(typesOf(db, r.table).id).toBe('VARCHAR');
    expect(r.notes.join(' ')).toContain('every row was read');
  });

  it('gives blank and repeated header names unique names', async () => {
    const r = await load('dups.csv', 'id,,amount,amount,Amount\n1,x,2,3,4\n2,y,4,5,6\n');
    expect(r.columns.map((c) => c.name)).toEqual(['id', 'column_2', 'amount', 'amount_2', 'Amount_3']);
    expect(r.notes.join(' ')).toContain('no name');
  });

  it('loads a 5 MB single field', async () => {
    const big = 'y'.repeat(5 * 1024 * 1024);
    const r = await load('wide.csv', `id,text\n1,"${big}"\n2,short\n`);
    expect(db.query(`SELECT id, length(text) AS n FROM ${r.table} ORDER BY id`)).toEqual([
      { id: 1, n: 5 * 1024 * 1024 },
      { id: 2, n: 5 },
    ]);
  });

  it('reads Latin-1 text', async () => {
    const r = await load('latin.csv', new Uint8Array(Buffer.from('name,city\nJos\xe9,M\xfcnchen\nAnn,Paris\n', 'latin1')));
    expect(db.query(`SELECT city FROM ${r.table} ORDER BY name DESC`)).toEqual([{ city: 'München' }, { city: 'Paris' }]);
  });

  it('falls back to Latin-1 when invalid UTF-8 appears after the sniffed head', async () => {
    const head = 'name,city\n' + 'Ann,Paris\n'.repeat(120_000);
    const content = Buffer.concat([Buffer.from(head), Buffer.from('Jos\xe9,M\xfcnchen\n', 'latin1')]);
    const r = await load('late_latin.csv', new Uint8Array(content));
    expect(r.rows).toBe(120_001);
    expect(r.notes.join(' ')).toContain('Latin-1');
  });

  it('loads UTF-16 text with a BOM', async () => {
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,name\n1,José\n2,Zoë\n', 'utf16le')]);
    const r = await load('u16.csv', new Uint8Array(u16));
    expect(db.query(`SELECT name FROM ${r.table} ORDER BY id`)).toEqual([{ name: 'José' }, { name: 'Zoë' }]);
  });

  it('loads a single-column list', async () => {
    const r = await load('emails.csv', 'email\na@x.com\nb@y.com\n');
    expect(r.columns).toEqual([{ name: 'email', type: 'VARCHAR' }]);
    const names = await load('names.csv', 'name\nSmith, John\nAnn\nLee, Bo\n');
    expect(db.query(`SELECT name FROM ${names.table}`)).toEqual([{ name: 'Smith, John' }, { name: 'Ann' }, { name: 'Lee, Bo' }]);
  });

  it('builds read_csv with explicit options, all quoted by src/lib/sql', async () => {
    const text = "id;it's\n1;2,5\n";
    const s = await sniffFile("it's.csv", bytes(text), text.length);
    const q = csvLoadSql('t', "file'name.csv", s.dialect!).text;
    expect(q).toContain(`read_csv('file''name.csv', delim=';'`);
    expect(q).toContain(`decimal_separator=','`);
    expect(q).toContain('buffer_size=2097152');
  });
});

describe('CSV bad input', () => {
  it('an empty file', async () => {
    expect((await loadError('empty.csv', '')).code).toBe('empty');
  });

  it('binary data named .csv', async () => {
    const noise = new Uint8Array(20000).map((_, i) => (i * 7919 + 13) % 256);
    expect((await loadError('photo.csv', noise)).code).toBe('binary');
  });

  it('a header and no rows', async () => {
    const e = await loadError('header_only.csv', 'id,amount\n');
    expect(e.code).toBe('no-rows');
    expect(tables.has('header_only')).toBe(false);
    expect(db.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'header_only'`)).toEqual([{ n: 0 }]);
  });

  it('only blank lines', async () => {
    expect((await loadError('blank.csv', '\n\n\n')).code).toBe('empty');
  });
});
