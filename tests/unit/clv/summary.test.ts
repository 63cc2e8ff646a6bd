import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClvError, summarize, summarySql, type CustomerSummary, type Transaction } from '../../../src/lib/clv';
import { sql, structLiteral } from '../../../src/lib/sql';
import { openTestDb, type Row, type TestDb } from '../helpers/duckdb';
import { CDNOW_CSV, cdnowSummary, cdnowTransactions } from './data';

// Edge cases: same-day merge, a timestamp, a missing amount, a holdout, a late starter, a hostile id.
const FIXTURE: [string, string, number | null][] = [
  ['a', '2020-01-01 09:00:00', 10],
  ['a', '2020-01-01 18:30:00', 5],
  ['a', '2020-01-08 00:00:00', 20],
  ['a', '2020-01-15 23:59:00', 30],
  ['a', '2020-01-22 00:00:00', null],
  ['a', '2020-02-05 00:00:00', 40],
  ['a', '2020-02-05 12:00:00', 2],
  ['b', '2020-01-10 00:00:00', 7],
  ['c', '2020-02-01 00:00:00', 9],
  ["d'); DROP TABLE x; --", '2020-01-03 00:00:00', 1],
  ["d'); DROP TABLE x; --", '2020-01-31 00:00:00', 3],
  ['e', '2020-01-30 00:00:00', 4],
  ['e', '2020-03-15 00:00:00', 100],
];
const OPTIONS = { calibrationEnd: '2020-01-31', holdoutEnd: '2020-02-29', unit: 'day' as const };

function byId(s: CustomerSummary): Map<string | number, number> {
  return new Map(s.customerId.map((id, i) => [id, i]));
}

/** Compare the engine's rows with summarize() customer by customer. */
function expectSame(rows: Row[], s: CustomerSummary): void {
  expect(rows.length).toBe(s.customerId.length);
  const index = byId(s);
  for (const row of rows) {
    const i = index.get(row.customer_id as string | number);
    expect(i, `customer ${String(row.customer_id)}`).toBeDefined();
    const j = i as number;
    expect(row.x).toBe(s.x[j]);
    expect(row.t_x as number).toBeCloseTo(s.tx[j], 9);
    expect(row.T as number).toBeCloseTo(s.T[j], 9);
    expect(row.m as number).toBeCloseTo(s.m[j], 9);
    if (s.xHoldout && s.mHoldout) {
      expect(row.x_holdout).toBe(s.xHoldout[j]);
      expect(row.m_holdout as number).toBeCloseTo(s.mHoldout[j], 9);
      expect(row.duration_holdout as number).toBeCloseTo(s.holdoutDuration as number, 12);
    }
  }
}

describe('summarize (in memory)', () => {
  const tx: Transaction[] = FIXTURE.map(([customerId, occurredAt, amount]) => ({ customerId, occurredAt, amount }));
  const s = summarize(tx, OPTIONS);
  const at = byId(s);

  it('merges same-day purchases and averages repeat days only', () => {
    const a = at.get('a') as number;
    expect(s.x[a]).toBe(3); // Jan 8, 15, 22 after the first day Jan 1
    expect(s.tx[a]).toBe(21);
    expect(s.T[a]).toBe(30);
    expect(s.m[a]).toBe(25); // (20 + 30) / 2: the first day's 15 and the missing amount are left out
    expect(s.xHoldout?.[a]).toBe(1); // two purchases on Feb 5 are one purchase day
    expect(s.mHoldout?.[a]).toBe(42);
    expect(s.holdoutDuration).toBe(29);
  });

  it('gives single buyers x = 0 and m = 0, and leaves out customers who start after calibration', () => {
    const b = at.get('b') as number;
    expect([s.x[b], s.tx[b], s.T[b], s.m[b]]).toEqual([0, 0, 21, 0]);
    expect(at.has('c')).toBe(false);
    const e = at.get('e') as number;
    expect(s.xHoldout?.[e]).toBe(0); // the March purchase is after the holdout end
  });

  it('expresses times in weeks as days / 7', () => {
    const w = summarize(tx, { ...OPTIONS, unit: 'week' });
    const a = byId(w).get('a') as number;
    expect(w.tx[a]).toBeCloseTo(3, 12);
    expect(w.T[a]).toBeCloseTo(30 / 7, 12);
  });

  it('explains bad dates', () => {
    expect(() => summarize(tx, { calibrationEnd: 'next tuesday' })).toThrow(ClvError);
    expect(() => summarize(tx, { calibrationEnd: '2020-01-31', holdoutEnd: '2020-01-01' })).toThrow(/holdout/);
  });

  it.skipIf(!CDNOW_CSV)('reproduces the CDNOW calibration counts (2,357 customers, 2,457 repeat purchases, 946 repeat buyers)', () => {
    const c = cdnowSummary();
    expect(c.customerId.length).toBe(2357);
    expect(c.x.reduce((a, b) => a + b, 0)).toBe(2457);
    expect(c.x.filter((v) => v > 0).length).toBe(946);
    expect(Math.max(...c.T)).toBeCloseTo(38.857, 3);
    expect(Math.min(...c.T)).toBeCloseTo(27, 3);
  });
});

describe('summarySql (against the DuckDB-WASM engine)', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());

  it('matches summarize() on edge cases, with awkward column names', () => {
    const header = '"customer ""id""","occurred at",amount';
    const body = FIXTURE.map(([c, t, a]) => `"${c.replace(/"/g, '""')}",${t},${a ?? ''}`).join('\n');
    db.registerText('fixture.csv', `${header}\n${body}\n`);
    const columns = structLiteral({ 'customer "id"': 'VARCHAR', 'occurred at': 'TIMESTAMP', amount: 'DOUBLE' });
    db.query(sql`CREATE TABLE fixture AS SELECT * FROM read_csv(${'fixture.csv'}, header = true, columns = ${columns})`);
    const q = summarySql({ ...OPTIONS, table: 'fixture', columns: { customerId: 'customer "id"', occurredAt: 'occurred at' } });
    const rows = db.query(q);
    const tx: Transaction[] = FIXTURE.map(([customerId, occurredAt, amount]) => ({ customerId, occurredAt, amount }));
    expectSame(rows, summarize(tx, OPTIONS));
    expect(rows.map((r) => r.customer_id)).toContain("d'); DROP TABLE x; --");
  });

  it('omits the holdout columns without a holdout end', () => {
    const rows = db.query(summarySql({ table: 'fixture', calibrationEnd: '2020-01-31', columns: { customerId: 'customer "id"', occurredAt: 'occurred at' } }));
    expect(Object.keys(rows[0])).toEqual(['customer_id', 'x', 't_x', 'T', 'm']);
  });

  it.skipIf(!CDNOW_CSV)('agrees with summarize() on CDNOW', () => {
    db.registerText('cdnow.csv', readFileSync(CDNOW_CSV as string, 'utf8'));
    db.query(sql`CREATE TABLE cdnow AS SELECT * FROM read_csv(${'cdnow.csv'}, header = true)`);
    const rows = db.query(
      summarySql({
        table: 'cdnow',
        columns: { customerId: 'customer_id', occurredAt: 'date', amount: 'dollars' },
        calibrationEnd: '1997-09-30',
        holdoutEnd: '1998-06-30',
        unit: 'week',
      }),
    );
    const s = summarize(cdnowTransactions(), { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', unit: 'week' });
    expectSame(rows, s);
    expect(rows.reduce((a, r) => a + (r.x as number), 0)).toBe(2457);
  });
});
