import { afterAll, beforeAll, afterEach, describe, expect, it, vi } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { loadFile, fromBytes, describeEngineError, IngestError, tableNameFor, SUPPORTED_FORMATS } from '../../../src/lib/ingest';
import { testTarget, bytes, type RecordingTarget } from './target';

let db: TestDb;
let target: RecordingTarget;

beforeAll(async () => {
  db = await openTestDb();
  target = testTarget(db);
});
afterAll(() => db?.close());
afterEach(() => vi.restoreAllMocks());

/** The engine's own error text for a statement. */
function engineError(statement: string): unknown {
  try {
    db.query(statement);
  } catch (e) {
    return e;
  }
  throw new Error('expected the engine to fail');
}

describe('describeEngineError', () => {
  it('turns DuckDB CSV errors into plain messages that name the file', () => {
    db.registerBuffer('noise.csv', new Uint8Array(3000).map((_, i) => (i * 7919) % 256));
    const lines = ['a,b,c'];
    for (let i = 0; i < 30000; i++) lines.push(i === 25000 ? '4,5' : `${i},${i},${i}`);
    db.registerText('rag.csv', lines.join('\n'));
    db.registerBuffer('l1.csv', new Uint8Array(Buffer.from('name,city\nJos\xe9,M\xfcnchen\n', 'latin1')));
    db.registerText('big.csv', `a,b\n1,"${'z'.repeat(3_000_000)}"\n`);
    const cases: [string, RegExp, RegExp][] = [
      [`SELECT * FROM read_csv('noise.csv')`, /no consistent separator/, /text editor/],
      [`SELECT * FROM read_csv('rag.csv', delim=',', header=true)`, /A row has 2 values where 3 were expected \(line 25002\)/, /quoted text fields/],
      [`SELECT * FROM read_csv('l1.csv')`, /not valid UTF-8 text/, /CSV UTF-8/],
      [`SELECT * FROM read_csv('big.csv', delim=',', header=true)`, /larger than the reader accepts/, /quote is never closed/],
      [`SELECT * FROM read_csv('missing.csv')`, /could not be opened/, /Drop the file/],
    ];
    for (const [statement, problem, hint] of cases) {
      const e = describeEngineError('export.csv', engineError(statement));
      expect(e).toBeInstanceOf(IngestError);
      expect(e.file).toBe('export.csv');
      expect(e.problem).toMatch(problem);
      expect(e.hint).toMatch(hint);
      expect(e.message.startsWith('export.csv: ')).toBe(true);
    }
    const conv = describeEngineError('x.csv', new Error(`Conversion Error: CSV Error on Line: 40002\nError when converting column "id". Could not convert string "x1" to 'BIGINT'`));
    expect(conv.problem).toBe('The value "x1" in column "id" is not a valid bigint (line 40002).');
    expect(describeEngineError('x.csv', new Error('something odd\nmore')).problem).toBe('The file could not be read: something odd.');
  });
});

describe('nothing reaches the network', () => {
  it('a URL-like name or a read_csv(...) name stays a local name', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('network used'));
    for (const name of ['https://evil.example/orders.csv', "read_csv('https://evil.example/x.csv').csv", 's3://bucket/data.csv']) {
      const r = await loadFile(fromBytes(name, bytes('id,amount\n1,2\n')), target);
      expect(r.rows).toBe(1);
      expect(r.table).toMatch(/^[a-z_][a-z0-9_]*$/);
    }
    expect(fetchSpy).not.toHaveBeenCalled();
    const all = target.statements.join('\n') + target.registered.join('\n');
    expect(all).not.toMatch(/https?:|s3:|evil/);
    expect(target.registered.every((n) => /^arkwright_ingest_[a-z0-9_]+\.csv(\.gz)?$/.test(n))).toBe(true);
  });

  it('table names are sanitised and unique', () => {
    expect(tableNameFor('Orders 2024 (final).CSV', new Set())).toBe('orders_2024_final');
    expect(tableNameFor('orders.csv.gz', new Set(['orders', 'ORDERS_2']))).toBe('orders_3');
    expect(tableNameFor('2024-orders.parquet', new Set())).toBe('t_2024_orders');
    expect(tableNameFor('Ventes été.xlsx', new Set())).toBe('ventes_ete');
    expect(tableNameFor('???.json', new Set())).toBe('data');
    expect(tableNameFor('C:\\exports\\select.csv', new Set())).toBe('select');
  });

  it('lists supported formats', () => {
    expect(SUPPORTED_FORMATS.map((f) => f.extension)).toEqual(expect.arrayContaining(['.csv', '.xlsx', '.parquet', '.json']));
  });
});

/** A minimal zip (deflate) with the given files. */
function zip(files: Record<string, string>): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = deflateRawSync(Buffer.from(text));
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(Buffer.byteLength(text), 22);
    local.writeUInt16LE(n.length, 26);
    parts.push(local, n, data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(data.length, 20);
    c.writeUInt32LE(Buffer.byteLength(text), 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, cd, end]));
}

describe('zip archives', () => {
  it('loads the data file inside, with a note', async () => {
    const r = await loadFile(fromBytes('export.zip', zip({ 'readme.md': 'hello', 'data/orders.csv': 'id;amount\n1;2,5\n2;3\n' })), target);
    expect(r).toMatchObject({ table: 'export', format: 'csv', rows: 2, file: 'export.zip' });
    expect(r.notes[0]).toBe('Loaded "data/orders.csv" from the zip archive.');
    expect(db.query('SELECT sum(amount) AS s FROM export')).toEqual([{ s: 5.5 }]);
  });

  it('an archive without data is a clear error', async () => {
    await expect(loadFile(fromBytes('docs.zip', zip({ 'a.md': 'x' })), target)).rejects.toMatchObject({ code: 'unsupported', file: 'docs.zip' });
  });
});
