import { describe, expect, it } from 'vitest';
import {
  ALWAYS_FITS_BYTES,
  HEADROOM,
  WASM_LIMIT_BYTES,
  browserBudget,
  describeHead,
  describeTooLarge,
  estimateLoad,
  type MemoryBudget,
} from '../../../src/lib/ingest/sizeCheck';

const GiB = 1024 ** 3;
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

// The generator's order lines: 9 columns, about 82 bytes a row.
const ORDER_LINES_HEAD = [
  'order_id,customer_id,ordered_at,channel,product,category,quantity,unit_price,discount',
  ...Array.from({ length: 200 }, (_, i) => `O${String(i).padStart(8, '0')},C0000123,2024-12-14 15:02:11,web,Premium headphones,Electronics,1,129.99,0.00`),
].join('\n');

const desktop: MemoryBudget = browserBudget({ jsHeapSizeLimit: 4 * GiB, deviceMemoryGiB: 8 });

describe('describeHead', () => {
  it('reads columns and the average row length of a CSV header and lines', () => {
    const facts = describeHead(text(ORDER_LINES_HEAD + '\nO0000'), 'order_lines.csv');
    expect(facts.format).toBe('csv');
    expect(facts.columns).toBe(9);
    // The cut last line is left out.
    expect(facts.rowBytes).toBeCloseTo(ORDER_LINES_HEAD.split('\n')[1].length + 1, 5);
  });

  it('picks the delimiter of the header, ignoring delimiters inside quotes', () => {
    expect(describeHead(text('a;b;"c;d";e\n1;2;3;4\n'), 'x.csv').columns).toBe(4);
    expect(describeHead(text('a\tb\tc\n1\t2\t3\n'), 'x.tsv').columns).toBe(3);
    expect(describeHead(text('only\n1\n2\n'), 'x.csv').columns).toBe(1);
  });

  it('tells gzip, Parquet, Excel, zip and JSON apart by their first bytes', () => {
    expect(describeHead(new Uint8Array([0x1f, 0x8b, 8, 0]), 'a.csv.gz').format).toBe('csv-gzip');
    expect(describeHead(text('PAR1\0\0\0'), 'a.parquet').format).toBe('parquet');
    expect(describeHead(text('PK\x03\x04'), 'a.xlsx').format).toBe('xlsx');
    expect(describeHead(text('PK\x03\x04'), 'a.zip').format).toBe('zip');
    expect(describeHead(text('[{"a":1}]'), 'a.json').format).toBe('json');
    expect(describeHead(text('{"a":1}\n{"a":2}\n'), 'a.txt').format).toBe('ndjson');
    expect(describeHead(text('\uFEFF{"a":1}\n'), 'a.jsonl').format).toBe('ndjson');
  });
});

describe('browserBudget', () => {
  it('uses the 4 GiB WebAssembly limit, the JS heap limit and half the device memory', () => {
    expect(desktop).toEqual({ engineBytes: WASM_LIMIT_BYTES, jsHeapBytes: 4 * GiB, deviceBytes: 4 * GiB });
  });
  it('leaves out what the browser does not tell', () => {
    expect(browserBudget({})).toEqual({ engineBytes: WASM_LIMIT_BYTES, jsHeapBytes: null, deviceBytes: null });
    expect(browserBudget({ jsHeapSizeLimit: 0, deviceMemoryGiB: 0 })).toEqual({ engineBytes: WASM_LIMIT_BYTES, jsHeapBytes: null, deviceBytes: null });
  });
});

describe('estimateLoad', () => {
  const orderLines = describeHead(text(ORDER_LINES_HEAD), 'order_lines.csv');

  it('estimates rows from the file size and the average row', () => {
    const e = estimateLoad(83e6, orderLines, desktop);
    expect(e.rows).toBeGreaterThan(0.9e6);
    expect(e.rows).toBeLessThan(1.1e6);
    expect(e.columns).toBe(9);
    expect(e.jsBytes).toBe(0);
  });

  it('lets a 1M-row CSV through, and the 10M-row CSV (~830 MB) too, on a desktop browser', () => {
    expect(estimateLoad(83e6, orderLines, desktop).fits).toBe(true);
    expect(estimateLoad(830e6, orderLines, desktop).fits).toBe(true);
  });

  it('stops a 3 GB CSV: more than the 32-bit engine can address', () => {
    const e = estimateLoad(3e9, orderLines, desktop);
    expect(e.fits).toBe(false);
    expect(e.limitedBy).toBe('engine');
    expect(e.engineBytes).toBeGreaterThan(WASM_LIMIT_BYTES * HEADROOM);
  });

  it('grows with the number of columns at the same file size', () => {
    const narrow = estimateLoad(500e6, { format: 'csv', columns: 3, rowBytes: 60 }, desktop);
    const wide = estimateLoad(500e6, { format: 'csv', columns: 30, rowBytes: 60 }, desktop);
    expect(wide.engineBytes).toBeGreaterThan(narrow.engineBytes * 3);
  });

  it('counts a compressed file by the text it holds', () => {
    const plain = estimateLoad(100e6, orderLines, desktop);
    const gz = estimateLoad(100e6, { ...orderLines, format: 'csv-gzip' }, desktop);
    const pq = estimateLoad(100e6, { format: 'parquet', columns: null, rowBytes: null }, desktop);
    expect(gz.engineBytes).toBeGreaterThan(plain.engineBytes * 4);
    expect(pq.engineBytes).toBeGreaterThan(plain.engineBytes * 2);
    // The 10M-row Parquet (105 MB) fits.
    expect(pq.fits).toBe(true);
  });

  it('checks formats read in JavaScript against the JS heap', () => {
    const e = estimateLoad(400e6, { format: 'xlsx', columns: null, rowBytes: null }, { ...desktop, jsHeapBytes: 2 * GiB });
    expect(e.fits).toBe(false);
    expect(e.limitedBy).toBe('js-heap');
  });

  it('keeps the tab within its share of a small device', () => {
    const phone = browserBudget({ deviceMemoryGiB: 2 });
    const e = estimateLoad(600e6, orderLines, phone);
    expect(e.fits).toBe(false);
    expect(e.limitedBy).toBe('device');
  });

  it('lets a file of ALWAYS_FITS_BYTES (below which the app does not check) through even on a 1 GB device', () => {
    const e = estimateLoad(ALWAYS_FITS_BYTES, orderLines, browserBudget({ deviceMemoryGiB: 1 }));
    expect(e.fits).toBe(true);
  });

  it('obeys a lowered budget (the test hook the app reads)', () => {
    const e = estimateLoad(10_000, orderLines, { engineBytes: 1000, jsHeapBytes: null, deviceBytes: null });
    expect(e.fits).toBe(false);
  });
});

describe('describeTooLarge', () => {
  it('says what it needs, what there is, and suggests Parquet or fewer columns', () => {
    const head = describeHead(text(ORDER_LINES_HEAD), 'order_lines.csv');
    const e = estimateLoad(3e9, head, desktop);
    const m = describeTooLarge('orders.csv', e, desktop);
    expect(m.problem).toMatch(/^orders\.csv \(2\.8 GB, about \d+\.\d million rows × 9 columns\) probably needs about \d+\.\d GB/);
    expect(m.problem).toContain('more than the 3.2 GB this browser can give the engine');
    expect(m.hint).toMatch(/Parquet/);
    expect(m.hint).toMatch(/only the columns you need/);
  });
  it('does not suggest Parquet for a Parquet file', () => {
    const e = estimateLoad(1e9, { format: 'parquet', columns: null, rowBytes: null }, desktop);
    expect(describeTooLarge('big.parquet', e, desktop).hint).not.toMatch(/as Parquet/);
  });
});
