import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarize, type CustomerSummary, type Transaction } from '../../../src/lib/clv';
import {
  SUMMARY_COLUMNS,
  CALIBRATION_COLUMNS,
  CURRENT_COLUMNS,
  calibrationCustomers,
  clvInputFromSummary,
  customerSummarySql,
  orderPurchaseDaysSql,
  purchaseDaysSql,
  purchaseSpanSql,
  repeatDaysSql,
  summaryArrays,
  type SummaryColumns,
} from '../../../src/lib/clv/cell/summaryTables';
import { createOrderDaysSql } from '../../../src/lib/model/orderDaysSql';
import { arrowColumnToFloat64 } from '../../../src/lib/engine/numericColumns';
import { ident, join } from '../../../src/lib/sql';
import { dayNumber } from '../../../src/lib/clv/summaryOptions';
import { sql } from '../../../src/lib/sql';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { CDNOW_CSV, cdnowTransactions } from '../clv/data';

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
  ['c', '2020-02-03 00:00:00', 11],
  ["d'); DROP TABLE x; --", '2020-01-03 00:00:00', 1],
  ["d'); DROP TABLE x; --", '2020-01-31 00:00:00', 3],
  ['e', '2020-01-30 00:00:00', 4],
  ['e', '2020-03-15 00:00:00', 100],
  ['f', '2020-01-05 00:00:00', null],
  ['f', '2020-01-06 00:00:00', 8],
];

function purchasesOf(db: TestDb, name: string, rows: [string, string, number | null][]): void {
  const values = rows.map(([c, t, a]) => sql`(${c}, CAST(${t} AS TIMESTAMP), CAST(${a} AS DOUBLE))`);
  db.query(sql`CREATE OR REPLACE TABLE purchases AS SELECT * FROM (VALUES ${values.reduce((acc, v, i) => (i === 0 ? v : sql`${acc}, ${v}`))}) t(customer_id, occurred_at, amount)`);
  db.query(purchaseDaysSql({ table: name, purchases: sql`SELECT * FROM purchases` }));
}

interface Summarised {
  readonly ids: string[];
  readonly cal: Map<string, { x: number; tx: number; T: number; m: number; xHoldout: number }>;
  readonly all: Map<string, { x: number; tx: number; T: number; m: number }>;
  readonly first: Map<string, number>;
}

/** The summary table read the way the runner reads it: typed columns in row order, through summaryArrays. */
function summarised(db: TestDb, calibrationEnd: string, asOf: string, unit: 'day' | 'week'): Summarised {
  const cal = dayNumber(calibrationEnd, 'c');
  const end = dayNumber(asOf, 'a');
  const unitDays = unit === 'week' ? 7 : 1;
  db.query(customerSummarySql({ days: 'days', table: 'summary', calibrationEnd: cal, asOf: end, unitDays }));
  const table = db.queryArrow(sql`SELECT ${join(SUMMARY_COLUMNS.map((c) => ident(c)), ', ')} FROM summary`);
  const columns = Object.fromEntries(SUMMARY_COLUMNS.map((name, k) => [name, arrowColumnToFloat64(table, k)])) as SummaryColumns;
  const ids = db.query('SELECT customer_id FROM summary').map((r) => String(r.customer_id));
  const a = summaryArrays(columns, cal, end, unitDays);
  const out: Summarised = { ids, cal: new Map(), all: new Map(), first: new Map() };
  let j = 0;
  ids.forEach((id, i) => {
    out.all.set(id, { x: a.current.x[i], tx: a.current.tx[i], T: a.current.T[i], m: a.current.m[i] });
    out.first.set(id, a.firstDay[i]);
    if (a.inCal[i] !== 1) return;
    const c = a.calibration;
    out.cal.set(id, { x: c.x[j], tx: c.tx[j], T: c.T[j], m: c.m[j], xHoldout: c.xHoldout[j] });
    j++;
  });
  return out;
}

function expectAgree(rows: Map<string, { x: number; tx: number; T: number; m: number; xHoldout?: number }>, s: CustomerSummary): void {
  expect(rows.size).toBe(s.customerId.length);
  for (let j = 0; j < s.customerId.length; j++) {
    const r = rows.get(String(s.customerId[j]));
    expect(r, String(s.customerId[j])).toBeDefined();
    const row = r as { x: number; tx: number; T: number; m: number; xHoldout?: number };
    expect(row.x).toBe(s.x[j]);
    expect(row.tx).toBeCloseTo(s.tx[j], 9);
    expect(row.T).toBeCloseTo(s.T[j], 9);
    expect(row.m).toBeCloseTo(s.m[j], 9);
    if (s.xHoldout) expect(row.xHoldout).toBe(s.xHoldout[j]);
  }
}

describe('the cell summaries (one pass over purchase days) agree with summarize()', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(() => db.close());

  it('on edge cases: same-day merge, missing amounts, late starters, a hostile id', () => {
    purchasesOf(db, 'days', FIXTURE.filter(([, t]) => t < '2020-03-01'));
    const tx: Transaction[] = FIXTURE.filter(([, t]) => t < '2020-03-01').map(([customerId, occurredAt, amount]) => ({ customerId, occurredAt, amount }));
    const s = summarised(db, '2020-01-31', '2020-02-29', 'day');
    expectAgree(s.cal, summarize(tx, { calibrationEnd: '2020-01-31', holdoutEnd: '2020-02-29', unit: 'day' }));
    expectAgree(s.all, summarize(tx, { calibrationEnd: '2020-02-29', unit: 'day' }));
    // c starts after the calibration end: in the as-of summary only.
    expect(s.cal.has('c')).toBe(false);
    expect(s.all.get('c')).toEqual({ x: 1, tx: 2, T: 28, m: 11 });
    expect(s.cal.get('a')?.m).toBe(25);
    expect(s.cal.get('f')?.m).toBe(8); // the first day's missing amount is not a repeat day's
    expect(s.first.get('b')).toBe(dayNumber('2020-01-10', 'b'));
    const span = db.query(purchaseSpanSql('days'))[0];
    expect(span.first).toBe(dayNumber('2020-01-01', 'd'));
    expect(span.last).toBe(dayNumber('2020-02-05', 'd'));
    const repeat = db.query(repeatDaysSql({ days: 'days', summary: 'summary', calibrationEnd: dayNumber('2020-01-31', 'c') }));
    // a: Jan 8, 15, 22, Feb 5; d: Jan 31; f: Jan 6 — c's Feb 3 is not of the calibration cohort.
    expect(repeat.reduce((s, r) => s + (r.n as number), 0)).toBe(6);
    expect(repeat.at(-1)).toEqual({ day: 5, n: 1 });
  });

  it("from the data model's order_days: the same summaries, with order lines grouped into orders and activity after the as-of date left out", () => {
    // Each fixture purchase as an order of two lines (same id, amounts split), plus a return and an email that must not count.
    const lines = FIXTURE.flatMap(([c, t, a], i) => {
      const half = a === null ? null : a / 2;
      return [sql`(${c}, CAST(${t} AS TIMESTAMP), ${half}, ${`o${i}`}, 'purchase')`, sql`(${c}, CAST(${t} AS TIMESTAMP), ${half}, ${`o${i}`}, 'purchase')`];
    });
    lines.push(sql`('a', TIMESTAMP '2020-01-09 10:00:00', -20, 'r1', 'return')`, sql`('b', TIMESTAMP '2020-01-20 10:00:00', NULL, NULL, 'email_open')`);
    db.query(sql`CREATE OR REPLACE TABLE activity AS SELECT * FROM (VALUES ${join(lines, ', ')}) t(customer_id, occurred_at, amount, order_id, event)`);
    db.query("CREATE OR REPLACE TABLE as_of_date AS SELECT DATE '2020-02-29' AS as_of");
    db.query(createOrderDaysSql());
    expect(db.query('SELECT sum(orders) AS n FROM order_days WHERE NOT is_return')[0].n).toBe(FIXTURE.filter(([, t]) => t < '2020-03-01').length);
    db.query("DROP TABLE IF EXISTS days");
    db.query(orderPurchaseDaysSql({ table: 'days' }));
    const tx: Transaction[] = FIXTURE.filter(([, t]) => t < '2020-03-01').map(([customerId, occurredAt, amount]) => ({ customerId, occurredAt, amount }));
    const s = summarised(db, '2020-01-31', '2020-02-29', 'day');
    expectAgree(s.cal, summarize(tx, { calibrationEnd: '2020-01-31', holdoutEnd: '2020-02-29', unit: 'day' }));
    expectAgree(s.all, summarize(tx, { calibrationEnd: '2020-02-29', unit: 'day' }));
    // A segment narrows the purchase days to its customers.
    db.query(orderPurchaseDaysSql({ table: 'days', segment: sql`SELECT 'a' AS customer_id` }));
    expect(db.query('SELECT DISTINCT customer_id FROM days')).toEqual([{ customer_id: 'a' }]);
    db.query('DROP VIEW days');
  });

  it('turns the summary columns into model inputs as the models worker does (calibration summary, holdout, the as-of summary)', () => {
    purchasesOf(db, 'days', FIXTURE.filter(([, t]) => t < '2020-03-01'));
    const cal = dayNumber('2020-01-31', 'c');
    const end = dayNumber('2020-02-29', 'a');
    db.query(customerSummarySql({ days: 'days', table: 'summary', calibrationEnd: cal, asOf: end, unitDays: 7 }));
    const table = db.queryArrow(sql`SELECT ${join(SUMMARY_COLUMNS.map((c) => ident(c)), ', ')} FROM summary`);
    const columns = Object.fromEntries(SUMMARY_COLUMNS.map((name, k) => [name, arrowColumnToFloat64(table, k)])) as SummaryColumns;
    const a = summaryArrays(columns, cal, end, 7);
    expect(calibrationCustomers(columns.first, cal)).toBe(5); // c starts after the calibration end
    // The two halves of a run with a holdout, each from its own columns.
    const pick = <K extends keyof SummaryColumns>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, columns[k]])) as Pick<SummaryColumns, K>;
    const frame = { calibrationEnd: cal, asOf: end, unitDays: 7 };
    const calibration = clvInputFromSummary({ ...frame, part: 'calibration', columns: pick(CALIBRATION_COLUMNS) });
    expect(calibration).toEqual({ ...a.calibration, holdoutDuration: 29 / 7, firstDay: undefined });
    const final = clvInputFromSummary({ ...frame, part: 'final', columns: pick(CURRENT_COLUMNS) });
    expect(final.current).toEqual(a.current);
    expect(final.firstDay).toEqual(a.firstDay);
    // Without a holdout (calibration end = as-of date) one part does all: every customer, no holdout.
    const all = clvInputFromSummary({ calibrationEnd: end, asOf: end, unitDays: 7, part: 'all', columns: pick(CALIBRATION_COLUMNS) });
    expect(all.x.length).toBe(6);
    expect(all.xHoldout).toBeNull();
    expect(all.current).toBeUndefined();
    expect(all.firstDay).toEqual(a.firstDay);
  });

  it.skipIf(!CDNOW_CSV)('on CDNOW: 2,357 customers, 2,457 repeat purchases in calibration', () => {
    db.registerText('cdnow.csv', readFileSync(CDNOW_CSV as string, 'utf8'));
    db.query(sql`CREATE OR REPLACE TABLE cdnow AS SELECT * FROM read_csv(${'cdnow.csv'}, header = true)`);
    db.query(purchaseDaysSql({ table: 'days', purchases: sql`SELECT customer_id, CAST(date AS TIMESTAMP) AS occurred_at, dollars AS amount FROM cdnow` }));
    const s = summarised(db, '1997-09-30', '1998-06-30', 'week');
    expectAgree(s.cal, summarize(cdnowTransactions(), { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', unit: 'week' }));
    expectAgree(s.all, summarize(cdnowTransactions(), { calibrationEnd: '1998-06-30', unit: 'week' }));
    expect([...s.cal.values()].reduce((a, r) => a + r.x, 0)).toBe(2457);
  });
});
