import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { loadFile, fromBytes, listSheets, readExcel, IngestError } from '../../../src/lib/ingest';
import { testTarget, typesOf, type RecordingTarget } from './target';

let db: TestDb;
let target: RecordingTarget;

type Sheets = Parameters<typeof writeXlsxFile>[0];

async function workbook(sheets: { sheet: string; data: unknown[][] }[]): Promise<Uint8Array> {
  const buf = await writeXlsxFile(sheets as unknown as Sheets).toBuffer();
  return new Uint8Array(buf);
}

const date = (y: number, m: number, d: number) => ({ value: new Date(Date.UTC(y, m - 1, d)), type: Date, format: 'yyyy-mm-dd' });

let orders: Uint8Array;

beforeAll(async () => {
  db = await openTestDb();
  target = testTarget(db);
  const rows: unknown[][] = [['customer', 'order_date', 'amount', 'vip', 'note']];
  for (let i = 0; i < 3000; i++) rows.push([`C${i % 100}`, date(2024, 1 + (i % 12), 1 + (i % 28)), i / 4, i % 2 === 0, i % 7 === 0 ? 'gift' : null]);
  orders = await workbook([
    { sheet: 'Orders', data: rows },
    { sheet: 'Customers & <notes>', data: [['id', 'country'], ['C1', 'France'], ['C2', 'Spain']] },
    { sheet: 'Empty', data: [] },
    { sheet: 'HeaderOnly', data: [['id', 'amount']] },
  ]);
});
afterAll(() => db?.close());

describe('Excel', () => {
  it('lists sheets in workbook order', async () => {
    expect(await listSheets(fromBytes('orders.xlsx', orders))).toEqual(['Orders', 'Customers & <notes>', 'Empty', 'HeaderOnly']);
  });

  it('loads the first sheet with typed columns', async () => {
    const r = await loadFile(fromBytes('orders.xlsx', orders), target);
    expect(r).toMatchObject({ table: 'orders', format: 'xlsx', rows: 3000, sheets: ['Orders', 'Customers & <notes>', 'Empty', 'HeaderOnly'] });
    expect(typesOf(db, 'orders')).toEqual({ customer: 'VARCHAR', order_date: 'DATE', amount: 'DOUBLE', vip: 'BOOLEAN', note: 'VARCHAR' });
    expect(db.query(`SELECT customer, order_date::VARCHAR AS d, amount, vip FROM orders LIMIT 2`)).toEqual([
      { customer: 'C0', d: '2024-01-01', amount: 0, vip: true },
      { customer: 'C1', d: '2024-02-02', amount: 0.25, vip: false },
    ]);
    expect(r.notes.join(' ')).toContain('The workbook has 4 sheets; loaded "Orders"');
  });

  it('loads another sheet by name and streams in chunks', async () => {
    const stream = await readExcel(fromBytes('orders.xlsx', orders), { sheet: 'Orders', chunkRows: 1000 });
    let n = 0;
    for await (const c of stream.chunks) {
      expect(c.rows).toBeLessThanOrEqual(1000);
      n++;
    }
    expect(n).toBe(3);
    const r = await loadFile(fromBytes('orders.xlsx', orders), target, { sheet: 'Customers & <notes>', existingTables: ['orders'] });
    expect(r).toMatchObject({ table: 'orders_2', rows: 2 });
    expect(r.columns.map((c) => c.name)).toEqual(['id', 'country']);
  });

  it('an empty sheet, or one with only a header, is a clear error', async () => {
    for (const sheet of ['Empty', 'HeaderOnly']) {
      try {
        await loadFile(fromBytes('orders.xlsx', orders), target, { sheet });
        throw new Error('expected an error');
      } catch (e) {
        expect(e).toBeInstanceOf(IngestError);
        expect(e).toMatchObject({ file: 'orders.xlsx', code: 'no-rows' });
        expect((e as IngestError).problem).toContain(`Sheet "${sheet}"`);
      }
    }
    await expect(loadFile(fromBytes('orders.xlsx', orders), target, { sheet: 'Nope' })).rejects.toMatchObject({ code: 'unsupported', hint: expect.stringContaining('"Orders"') });
  });

  it('an .xlsx with no rows at all', async () => {
    const none = await workbook([{ sheet: 'Sheet1', data: [] }]);
    await expect(loadFile(fromBytes('none.xlsx', none), target)).rejects.toMatchObject({ code: 'no-rows', message: expect.stringContaining('none.xlsx') });
  });

  it('names blank and repeated headers; reads a sheet without a header', async () => {
    const wb = await workbook([{ sheet: 'S', data: [['id', null, 'amount', 'amount'], [1, 'x', 2, 3], [2, 'y', 4, 5]] }]);
    const r = await loadFile(fromBytes('dups.xlsx', wb), target);
    expect(r.columns.map((c) => c.name)).toEqual(['id', 'column_2', 'amount', 'amount_2']);
    expect(r.notes.join(' ')).toContain('no name');
    const bare = await workbook([{ sheet: 'S', data: [[1, 'x', 2.5], [2, 'y', 4]] }]);
    const b = await loadFile(fromBytes('bare.xlsx', bare), target);
    expect(b.columns).toEqual([
      { name: 'column_1', type: 'BIGINT' },
      { name: 'column_2', type: 'VARCHAR' },
      { name: 'column_3', type: 'DOUBLE' },
    ]);
  });

  it('reads mixed columns as text', async () => {
    const wb = await workbook([{ sheet: 'S', data: [['code'], [1], ['A-7'], [3]] }]);
    const r = await loadFile(fromBytes('mixed.xlsx', wb), target);
    expect(r.columns).toEqual([{ name: 'code', type: 'VARCHAR' }]);
    expect(db.query(`SELECT code FROM ${r.table}`)).toEqual([{ code: '1' }, { code: 'A-7' }, { code: '3' }]);
  });

  it('loads a workbook named .csv by its content, with a note', async () => {
    const r = await loadFile(fromBytes('report.csv', orders), target, { existingTables: ['orders', 'orders_2'] });
    expect(r).toMatchObject({ format: 'xlsx', table: 'report', rows: 3000 });
    expect(r.notes[0]).toBe('report.csv is really an Excel workbook; loaded its first sheet.');
  });

  it('a damaged workbook is a clear error', async () => {
    await expect(loadFile(fromBytes('cut.xlsx', orders.subarray(0, orders.length - 200)), target)).rejects.toMatchObject({ code: 'truncated', file: 'cut.xlsx' });
  });
});
