import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AnalyticsError,
  lifecycleCustomersSql,
  lifecycleSql,
  validateLifecycleSpec,
  type LifecycleSpecInput,
} from '../../../src/lib/analytics';
import { sql } from '../../../src/lib/sql';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { isoDay, loadCanonical, setAsOf, type ActivityRow } from './fixtures';

/**
 * As of 2024-06-15 (June incomplete); at risk after 60 days without a purchase, lapsed after 120.
 * Purchases: A Jan 10, Feb 5, Jun 1 · B Jan 20 · C Mar 31, Apr 1 · D Oct 1 2023, Jun 10.
 * E buys only after the as-of date; F only opens emails; a return is not a purchase.
 *
 * Stage at each month's end (or the as-of date), days since the last purchase in brackets:
 *          A               B              C              D
 *   Oct    ·               ·              ·              new
 *   Nov    ·               ·              ·              at_risk (60)
 *   Dec    ·               ·              ·              at_risk (91)
 *   Jan    new             new            ·              lapsed (122)
 *   Feb    active          active (40)    ·              lapsed
 *   Mar    active (55)     at_risk (71)   new            lapsed
 *   Apr    at_risk (85)    at_risk (101)  active         lapsed
 *   May    at_risk (116)   lapsed (132)   at_risk (60)   lapsed
 *   Jun    active          lapsed (147)   at_risk (75)   returning (243 days lapsed by May 31)
 */
const ROWS: ActivityRow[] = [
  ['A', '2024-01-10 10:00', 10, 'a1', 'web', 'purchase'],
  ['A', '2024-02-05 10:00', 10, 'a2', 'web', 'purchase'],
  ['A', '2024-06-01 10:00', 10, 'a3', 'web', 'purchase'],
  ['A', '2024-04-20 10:00', -10, 'a2', 'web', 'return'],
  ['B', '2024-01-20 10:00', 10, 'b1', 'web', 'purchase'],
  ['C', '2024-03-31 23:59', 10, 'c1', 'web', 'purchase'],
  ['C', '2024-04-01 00:00', 10, 'c2', 'web', 'purchase'],
  ['D', '2023-10-01 10:00', 10, 'd1', 'web', 'purchase'],
  ['D', '2024-06-10 10:00', 10, 'd2', 'web', 'purchase'],
  ['E', '2024-06-16 10:00', 10, 'e1', 'web', 'purchase'],
  ['F', '2024-05-01 10:00', null, null, 'email', 'email_open'],
];

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  loadCanonical(db, ROWS, '2024-06-15');
});
afterAll(() => db.close());

const thresholds: LifecycleSpecInput = { atRiskDays: 60, lapsedDays: 120 };

/** "YYYY-MM stage=n …" per period, zero counts left out, plus "(incomplete)". */
function stageCounts(spec: LifecycleSpecInput): string[] {
  const byPeriod = new Map<string, string[]>();
  for (const r of db.query(lifecycleSql(spec).stages)) {
    const key = `${isoDay(r.period).slice(0, 7)}${r.complete ? '' : ' (incomplete)'}`;
    const list = byPeriod.get(key) ?? [];
    if (Number(r.customers) > 0) list.push(`${r.stage}=${r.customers}`);
    byPeriod.set(key, list);
  }
  return [...byPeriod].map(([k, v]) => `${k} ${v.join(' ')}`.trim());
}

function transitions(spec: LifecycleSpecInput): string[] {
  return db.query(lifecycleSql(spec).transitions).map((r) => `${isoDay(r.period).slice(0, 7)} ${r.from_stage ?? '∅'}>${r.to_stage} ${r.customers}`);
}

describe('lifecycle stages', () => {
  it('counts every stage in every month since the first purchase, the as-of month incomplete', () => {
    expect(stageCounts({ ...thresholds, periods: null })).toEqual([
      '2023-10 new=1',
      '2023-11 at_risk=1',
      '2023-12 at_risk=1',
      '2024-01 new=2 lapsed=1',
      '2024-02 active=2 lapsed=1',
      '2024-03 new=1 active=1 at_risk=1 lapsed=1',
      '2024-04 active=1 at_risk=2 lapsed=1',
      '2024-05 at_risk=2 lapsed=2',
      '2024-06 (incomplete) active=1 returning=1 at_risk=1 lapsed=1',
    ]);
    const rows = db.query(lifecycleSql({ ...thresholds, periods: null }).stages);
    expect(rows).toHaveLength(9 * 5); // zeros included, for stacked charts
    expect(rows.slice(0, 5).map((r) => r.stage)).toEqual(['new', 'active', 'returning', 'at_risk', 'lapsed']);
  });

  it('counts transitions between consecutive months, new customers coming from nowhere', () => {
    const t = transitions({ ...thresholds, periods: null });
    expect(t.filter((x) => x.startsWith('2024-01'))).toEqual(['2024-01 ∅>new 2', '2024-01 at_risk>lapsed 1']);
    expect(t.filter((x) => x.startsWith('2024-06'))).toEqual([
      '2024-06 at_risk>active 1',
      '2024-06 at_risk>at_risk 1',
      '2024-06 lapsed>returning 1',
      '2024-06 lapsed>lapsed 1',
    ]);
    expect(t[0]).toBe('2023-10 ∅>new 1');
  });

  it('gives the same stages when only the last periods are shown (earlier purchases still count)', () => {
    expect(stageCounts({ ...thresholds, periods: 3 })).toEqual([
      '2024-04 active=1 at_risk=2 lapsed=1',
      '2024-05 at_risk=2 lapsed=2',
      '2024-06 (incomplete) active=1 returning=1 at_risk=1 lapsed=1',
    ]);
    expect(transitions({ ...thresholds, periods: 3 }).filter((x) => x.startsWith('2024-04'))).toEqual([
      '2024-04 new>active 1',
      '2024-04 active>at_risk 1',
      '2024-04 at_risk>at_risk 1',
      '2024-04 lapsed>lapsed 1',
    ]);
    expect(stageCounts({ ...thresholds, periods: 1 })).toEqual(['2024-06 (incomplete) active=1 returning=1 at_risk=1 lapsed=1']);
  });

  it('works by quarter with the same day thresholds', () => {
    // Q2 ends at the as-of date: A bought (last before: Feb 5, not lapsed) → active; C bought Apr 1 → active;
    // B 147 days → lapsed; D lapsed at the end of Q1 (182 days) and bought → returning.
    expect(stageCounts({ ...thresholds, period: 'quarter', periods: null })).toEqual([
      '2023-10 new=1',
      '2024-01 new=3 lapsed=1',
      '2024-04 (incomplete) active=2 returning=1 lapsed=1',
    ]);
  });

  it('reads the last period at the as-of date, complete when that is its last day', () => {
    // Week of Mon 2024-06-10, as of Sat 06-15: A bought 14 days ago (active), D on the 10th.
    const week = db.query(lifecycleSql({ ...thresholds, period: 'week', periods: 1 }).stages);
    expect(week.map((r) => [isoDay(r.period), r.stage, r.customers, r.complete]).filter((r) => Number(r[2]) > 0)).toEqual([
      ['2024-06-10', 'active', 1, false],
      ['2024-06-10', 'returning', 1, false],
      ['2024-06-10', 'at_risk', 1, false],
      ['2024-06-10', 'lapsed', 1, false],
    ]);
    setAsOf(db, '2024-06-30');
    try {
      // E's purchase on Jun 16 now counts; C is 90 days out, B 162.
      expect(stageCounts({ ...thresholds, periods: 1 })).toEqual(['2024-06 new=1 active=1 returning=1 at_risk=1 lapsed=1']);
    } finally {
      setAsOf(db, '2024-06-15');
    }
  });

  it('lists the customers of one transition', () => {
    const ids = (spec: LifecycleSpecInput, sel: Parameters<typeof lifecycleCustomersSql>[1]): unknown[] =>
      db.query(lifecycleCustomersSql(spec, sel)).map((r) => r.customer_id);
    expect(ids(thresholds, { period: '2024-06-01', from: 'lapsed', to: 'returning' })).toEqual(['D']);
    expect(ids({ ...thresholds, periods: null }, { period: '2024-01-31', from: null, to: 'new' })).toEqual(['A', 'B']);
    expect(ids(thresholds, { period: '2024-05-01', to: 'at_risk' })).toEqual(['A', 'C']);
    expect(ids(thresholds, { period: '2024-04-15', from: 'active', to: 'at_risk' })).toEqual(['A']);
    expect(() => lifecycleCustomersSql(thresholds, { period: 'last quarter', to: 'new' })).toThrow(AnalyticsError);
  });
});

describe('lifecycle of a segment', () => {
  it("counts only the segment's customers", () => {
    const segment = sql`SELECT customer_id FROM customer_features WHERE customer_id IN ('A', 'D')`;
    const rows = db.query(lifecycleSql({ ...thresholds, periods: 2 }, { segment }).stages).filter((r) => Number(r.customers) > 0);
    expect(rows.map((r) => `${isoDay(r.period).slice(0, 7)} ${r.stage}=${r.customers}`)).toEqual([
      '2024-05 at_risk=1',
      '2024-05 lapsed=1',
      '2024-06 active=1',
      '2024-06 returning=1',
    ]);
  });
});

describe('lifecycle spec validation', () => {
  it('requires at risk to come before lapsed', () => {
    expect(validateLifecycleSpec({})).toEqual([]);
    const issues = validateLifecycleSpec({ atRiskDays: 400, lapsedDays: 365, period: 'year' });
    expect(issues.map((i) => i.path)).toEqual(['period', 'lapsedDays']);
    expect(issues[1].message).toMatch(/at risk before they lapse/);
  });
});
