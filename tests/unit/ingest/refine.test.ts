import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { loadFile, fromBytes, refineTable } from '../../../src/lib/ingest';
import { testTarget, typesOf, bytes, type RecordingTarget } from './target';

let db: TestDb;
let target: RecordingTarget;
const tables = new Set<string>();

beforeAll(async () => {
  db = await openTestDb();
  target = testTarget(db);
});
afterAll(() => db?.close());

async function load(name: string, text: string) {
  const r = await loadFile(fromBytes(name, bytes(text)), target, { existingTables: tables });
  tables.add(r.table);
  return r;
}

const days = (table: string, col: string) => db.query(`SELECT ${col}::VARCHAR AS d FROM ${table} ORDER BY id`).map((r) => r.d);

describe('date columns written as text', () => {
  it('three formats, numeric ones ambiguous: left as text with a warning naming the formats', async () => {
    const r = await load('mixed_dates.csv', 'id,signup\n1,2024-03-01\n2,01/03/2024\n3,"March 1, 2024"\n4,05/06/2024\n');
    expect(typesOf(db, r.table).signup).toBe('VARCHAR');
    const w = r.warnings.join(' ');
    expect(w).toContain('Column "signup" was left as text');
    expect(w).toContain('3 formats');
    expect(w).toContain('ISO (2024-03-01)');
    expect(w).toContain('01/03/2024');
    expect(w).toContain('March 1, 2024');
    expect(w).toContain('1 March or 3 January');
    expect(r.suggestions[0]).toMatchObject({ column: 'signup' });
    // The suggested statement works when the user confirms day/month.
    await target.query(r.suggestions[0].sql);
    expect(days(r.table, 'signup')).toEqual(['2024-03-01', '2024-03-01', '2024-03-01', '2024-06-05']);
  });

  it('three formats, day first settled by a value like 13/03/2024: converted to DATE', async () => {
    const r = await load('dates_dmy.csv', 'id,signup\n1,2024-03-01\n2,01/03/2024\n3,"March 1, 2024"\n4,13/03/2024\n5,\n6,N/A\n');
    expect(typesOf(db, r.table).signup).toBe('DATE');
    expect(days(r.table, 'signup')).toEqual(['2024-03-01', '2024-03-01', '2024-03-01', '2024-03-13', null, null]);
    expect(r.notes.join(' ')).toMatch(/Column "signup" held dates as text in 3 formats.*converted to DATE, reading numeric dates as day\/month\/year/);
  });

  it('month first settled by 03/13/2024; timestamps with offsets become UTC', async () => {
    const r = await load('dates_mdy.csv', 'id,at\n1,03/01/2024 10:00\n2,03/13/2024 09:30\n3,2024-03-02T10:00:00+02:00\n');
    expect(typesOf(db, r.table).at).toBe('TIMESTAMP');
    expect(days(r.table, '"at"')).toEqual(['2024-03-01 10:00:00', '2024-03-13 09:30:00', '2024-03-02 08:00:00']);
  });

  it('day-first and month-first both present: left as text', async () => {
    const r = await load('dates_both.csv', 'id,d\n1,13/01/2024\n2,01/13/2024\n3,2024-01-01\n');
    expect(typesOf(db, r.table).d).toBe('VARCHAR');
    expect(r.warnings.join(' ')).toContain('some numeric dates put the day first and others the month first');
  });

  it('month names with weekdays and ordinals', async () => {
    const r = await load('names.json', JSON.stringify([{ id: 1, d: 'Friday, March 1st, 2024' }, { id: 2, d: '2 April 2024' }, { id: 3, d: '03-May-2024' }]));
    expect(typesOf(db, r.table).d).toBe('DATE');
    expect(days(r.table, 'd')).toEqual(['2024-03-01', '2024-04-02', '2024-05-03']);
  });

  it('a value that is not a date keeps the column as text', async () => {
    const rows = ['id,d'];
    // "soon" lies beyond the 5,000 rows refine samples: the whole-column check catches it.
    for (let i = 1; i <= 6000; i++) rows.push(`${i},${i === 5999 ? 'soon' : `2024-01-${String(1 + (i % 28)).padStart(2, '0')}`}`);
    const r = await load('notdates.csv', rows.join('\n'));
    expect(typesOf(db, r.table).d).toBe('VARCHAR');
    expect(r.warnings.join(' ')).toContain('"soon"');
  });
});

describe('numbers written as text', () => {
  it('currency symbols and decimal commas are reported with a fix', async () => {
    const r = await load('money.csv', 'id,price,total\n1,€12.50,"1.234,50"\n2,€7.00,"2,00"\n3,€1.25,"10,10"\n');
    expect(typesOf(db, r.table)).toMatchObject({ price: 'VARCHAR', total: 'VARCHAR' });
    expect(r.warnings.join(' ')).toMatch(/Column "price" holds numbers written as text with currency symbols \(e\.g\. "€12\.50"\)/);
    expect(r.warnings.join(' ')).toMatch(/Column "total" holds numbers written as text with decimal commas/);
    const price = r.suggestions.find((s) => s.column === 'price');
    const total = r.suggestions.find((s) => s.column === 'total');
    await target.query(price!.sql);
    await target.query(total!.sql);
    expect(db.query(`SELECT price, total FROM ${r.table} ORDER BY id`)).toEqual([
      { price: 12.5, total: 1234.5 },
      { price: 7, total: 2 },
      { price: 1.25, total: 10.1 },
    ]);
  });

  it('leaves ordinary text alone', async () => {
    db.query(`CREATE TABLE plain AS SELECT * FROM (VALUES ('ann', 'FR-75'), ('bob', '12 rue X')) v(name, code)`);
    const r = await refineTable(async (s) => db.query(s), 'plain');
    expect(r).toEqual({ statements: [], notes: [], warnings: [], suggestions: [] });
  });
});
