import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { sniffFile, IngestError } from '../../../src/lib/ingest';
import { bytes } from './target';

async function sniff(name: string, content: string | Uint8Array) {
  const b = typeof content === 'string' ? bytes(content) : content;
  return sniffFile(name, b, b.length);
}

async function sniffError(name: string, content: string | Uint8Array): Promise<IngestError> {
  try {
    await sniff(name, content);
  } catch (e) {
    expect(e).toBeInstanceOf(IngestError);
    return e as IngestError;
  }
  throw new Error('expected an IngestError');
}

describe('sniffFile: formats from content', () => {
  it('recognises Parquet, gzip, xlsx, JSON and NDJSON by their bytes', async () => {
    expect((await sniff('a.parquet', new Uint8Array([0x50, 0x41, 0x52, 0x31, 1, 2, 3]))).format).toBe('parquet');
    const gz = await sniff('a.csv.gz', gzipSync(Buffer.from('id,amount\n1,2.5\n2,3\n')));
    expect(gz).toMatchObject({ format: 'csv', gzip: true });
    expect(gz.dialect?.compression).toBe('gzip');
    expect((await sniff('a.json', '[{"a": 1}, {"a": 2}]')).format).toBe('json');
    expect((await sniff('a.json', '{"a": 1}\n{"a": 2}\n')).format).toBe('ndjson');
    expect((await sniff('a.json', '{"data": [{"a": 1}]}')).format).toBe('json-object');
    const zipHead = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes('....[Content_Types].xml....xl/workbook.xml')]);
    expect((await sniff('a.xlsx', zipHead)).format).toBe('xlsx');
  });

  it('says so when the extension lies', async () => {
    const s = await sniff('report.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes('xl/worksheets/sheet1.xml')]));
    expect(s.format).toBe('xlsx');
    expect(s.notes[0]).toBe('report.csv is really an Excel workbook; loaded its first sheet.');
    const j = await sniff('orders.csv', '[{"id": 1}]');
    expect(j.format).toBe('json');
    expect(j.notes[0]).toContain('orders.csv is really a JSON file');
    const g = await sniff('orders.csv', gzipSync(Buffer.from('a,b\n1,2\n')));
    expect(g.notes[0]).toContain('gzip-compressed');
  });

  it('rejects empty, binary, .xls, PDF and HTML with the file named', async () => {
    const empty = await sniffError('orders.csv', '');
    expect(empty).toMatchObject({ file: 'orders.csv', code: 'empty' });
    expect(empty.message).toContain('orders.csv');
    const noise = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    const bin = await sniffError('export.csv', noise);
    expect(bin.code).toBe('binary');
    expect(bin.problem).toContain('binary');
    expect(bin.hint).toMatch(/xlsx or CSV/);
    const xls = await sniffError('old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    expect(xls.hint).toContain('.xlsx');
    expect((await sniffError('doc.csv', '%PDF-1.7\n...')).problem).toContain('PDF');
    expect((await sniffError('page.csv', '<!DOCTYPE html><html><body>Login</body></html>')).problem).toContain('web page');
  });
});

describe('sniffFile: CSV dialects', () => {
  it('finds comma, semicolon, tab and pipe delimiters', async () => {
    for (const d of [',', ';', '\t', '|']) {
      const text = ['id', 'name', 'amount'].join(d) + '\n' + ['1', 'Ann', '10.5'].join(d) + '\n' + ['2', 'Bob', '7'].join(d) + '\n';
      const s = await sniff('x.csv', text);
      expect(s.format).toBe('csv');
      expect(s.dialect).toMatchObject({ delimiter: d, header: true, columnCount: 3 });
    }
  });

  it('detects a missing header', async () => {
    const s = await sniff('x.csv', '1,2024-01-01,9.5\n2,2024-01-02,3.5\n3,2024-01-05,1\n');
    expect(s.dialect?.header).toBe(false);
  });

  it('detects decimal commas and thousands dots with semicolons', async () => {
    const s = await sniff('eu.csv', 'id;amount;total\n1;1,5;1.234,50\n2;3,25;2.000,00\n3;10;7,10\n');
    expect(s.dialect).toMatchObject({ delimiter: ';', decimalSeparator: ',', thousands: '.' });
    const plain = await sniff('eu.csv', 'id;amount\n1;1,5\n2;3,25\n');
    expect(plain.dialect).toMatchObject({ decimalSeparator: ',', thousands: null });
  });

  it('prefers the semicolon when commas are decimal separators on every line', async () => {
    const s = await sniff('eu.csv', '1;1,5\n2;3,25\n3;4,75\n');
    expect(s.dialect?.delimiter).toBe(';');
  });

  it('handles a BOM, quoted fields with delimiters and newlines', async () => {
    const s = await sniff('q.csv', '\ufeffid,note\n1,"a, b"\n2,"line1\nline2"\n3,"say ""hi"""\n');
    expect(s.dialect).toMatchObject({ delimiter: ',', quote: '"', header: true, columnCount: 2, ragged: false });
  });

  it('renames blank and repeated header names', async () => {
    const s = await sniff('h.csv', 'id,,amount,amount\n1,x,2,3\n2,y,4,5\n');
    expect(s.dialect?.columnNames).toEqual(['id', 'column_2', 'amount', 'amount_2']);
    expect(s.notes.join(' ')).toMatch(/no name.*"column_2".*"amount" → "amount_2"/);
  });

  it('notes ragged rows', async () => {
    const s = await sniff('r.csv', 'a,b,c\n1,2,3\n4,5\n6,7,8\n');
    expect(s.dialect?.ragged).toBe(true);
    expect(s.notes.join(' ')).toContain('different number of values');
  });

  it('skips a title line above the table', async () => {
    const s = await sniff('t.csv', 'Orders export 2024-03-01\nid,amount\n1,2\n3,4\n');
    expect(s.dialect).toMatchObject({ skipRows: 1, header: true });
  });

  it('falls back to Latin-1 for non-UTF-8 text', async () => {
    const s = await sniff('l.csv', new Uint8Array(Buffer.from('name,city\nJos\xe9,M\xfcnchen\nAnn,Paris\n', 'latin1')));
    expect(s.dialect?.encoding).toBe('latin-1');
    expect(s.notes.join(' ')).toContain('Latin-1');
  });

  it('allows very long lines when a quoted value runs past the sample', async () => {
    const big = 'x'.repeat(2_000_000);
    const text = `id,text\n1,"${big}"\n2,short\n`;
    const b = bytes(text);
    const s = await sniffFile('big.csv', b.subarray(0, 1024 * 1024), b.length);
    expect(s.format).toBe('csv');
    expect(s.dialect?.maxLineSize).toBeGreaterThanOrEqual(32 * 1024 * 1024);
  });
});

describe('sniffFile: aligned text', () => {
  it('recognises whitespace-aligned columns', async () => {
    const s = await sniff('cd.txt', ' 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n 00021 0002 19970101  3   63.34\r\n');
    expect(s.format).toBe('aligned');
    expect(s.aligned).toMatchObject({ split: 'whitespace', columnCount: 5, header: null });
  });

  it('uses fixed positions when values contain spaces', async () => {
    const text = ['name          city         amount', 'Ann Smith     New York      12.50', 'Bob Jones     Paris          7.00', 'Cy Twombly    Rome         100.25'].join('\n') + '\n';
    const s = await sniff('fw.txt', text);
    expect(s.format).toBe('aligned');
    expect(s.aligned?.split).toBe('fixed');
    expect(s.aligned?.header).toEqual(['name', 'city', 'amount']);
  });
});
