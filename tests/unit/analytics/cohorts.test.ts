import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsError, cohortSql, validateCohortSpec, type CohortSpecInput } from '../../../src/lib/analytics';
import { join, literal, sql } from '../../../src/lib/sql';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { isoDay, loadCanonical, rounded, setAsOf, type ActivityRow } from './fixtures';

/**
 * As of 2024-03-15 (March is not complete). First purchases: P, Q, R in January; S, T in February.
 *   P  Jan 100 (web) · Feb 50, return −20 · Mar 30 (no order id)
 *   Q  Jan 40 (store), single purchase; an email open in Feb does not count
 *   R  Jan 10 + 5 in one order at the same instant, channels web and none (web wins) · Mar 25
 *   S  Feb 80 (web) · a purchase on Mar 16, after the as-of date
 *   T  an email open in Dec 2023 · Feb 60 (web)
 *   U  a site visit in March, never a purchase
 */
const ROWS: ActivityRow[] = [
  ['P', '2024-01-05 10:00', 100, 'p1', 'web', 'purchase'],
  ['P', '2024-02-10 10:00', 50, 'p2', 'store', 'purchase'],
  ['P', '2024-02-20 10:00', -20, 'p2', 'store', 'return'],
  ['P', '2024-03-10 10:00', 30, null, 'web', 'purchase'],
  ['Q', '2024-01-20 10:00', 40, 'q1', 'store', 'purchase'],
  ['Q', '2024-02-01 10:00', null, null, 'email', 'email_open'],
  ['R', '2024-01-31 23:00', 10, 'r1', 'web', 'purchase'],
  ['R', '2024-01-31 23:00', 5, 'r1', null, 'purchase'],
  ['R', '2024-03-14 10:00', 25, 'r2', 'app', 'purchase'],
  ['S', '2024-02-15 10:00', 80, 's1', 'web', 'purchase'],
  ['S', '2024-03-16 10:00', 99, 's2', 'web', 'purchase'],
  ['T', '2023-12-20 10:00', null, null, 'email', 'email_open'],
  ['T', '2024-02-01 10:00', 60, 't1', 'web', 'purchase'],
  ['U', '2024-03-01 10:00', null, null, 'web', 'site_visit'],
];

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  loadCanonical(db, ROWS, '2024-03-15');
});
afterAll(() => db.close());

/** [cohort, channel, k, size, value (4 decimals), complete] */
function cells(spec: CohortSpecInput, segment?: string[]): unknown[][] {
  const seg = segment ? { segment: sql`SELECT customer_id FROM customer_features WHERE customer_id IN (${join(segment.map((c) => literal(c)))})` } : {};
  return rounded(db.query(cohortSql(spec, seg)), 4).map((r) => [isoDay(r.cohort), r.channel, r.period_index, r.cohort_size, r.value, r.complete]);
}

const third = Number((1 / 3).toFixed(4));
const twoThirds = Number((2 / 3).toFixed(4));

describe('cohorts by first purchase month', () => {
  it('share purchasing in period k, with the as-of month flagged incomplete', () => {
    expect(cells({})).toEqual([
      ['2024-01-01', null, 0, 3, 1, true],
      ['2024-01-01', null, 1, 3, third, true],
      ['2024-01-01', null, 2, 3, twoThirds, false],
      ['2024-02-01', null, 0, 2, 1, true],
      ['2024-02-01', null, 1, 2, 0, false],
    ]);
  });

  it('share purchasing in period k or later', () => {
    // Last purchase: P Mar, Q Jan, R Mar; S and T Feb.
    expect(cells({ mode: 'in_or_after' }).map((c) => c[4])).toEqual([1, twoThirds, twoThirds, 1, 0]);
  });

  it('revenue per cohort customer, net of returns', () => {
    // Jan cohort: 155, 50 − 20, 55; Feb cohort: 140, 0.
    const r = (x: number): number => Number(x.toFixed(4));
    expect(cells({ metric: 'revenue_per_customer' }).map((c) => c[4])).toEqual([r(155 / 3), 10, r(55 / 3), 70, 0]);
    expect(cells({ metric: 'revenue_per_customer', mode: 'in_or_after' }).map((c) => c[4])).toEqual([80, r(85 / 3), r(55 / 3), 70, 0]);
    expect(cells({ metric: 'cumulative_revenue_per_customer' }).map((c) => c[4])).toEqual([r(155 / 3), r(185 / 3), 80, 70, 70]);
  });

  it('orders, one per order id or purchase day', () => {
    expect(cells({ metric: 'orders' }).map((c) => c[4])).toEqual([3, 1, 2, 2, 0]);
    expect(cells({ metric: 'orders', mode: 'in_or_after' }).map((c) => c[4])).toEqual([6, 3, 2, 2, 0]);
  });

  it('limits the periods shown without changing "or later" values', () => {
    expect(cells({ metric: 'revenue_per_customer', mode: 'in_or_after', maxPeriods: 0 }).map((c) => c.slice(0, 5))).toEqual([
      ['2024-01-01', null, 0, 3, 80],
      ['2024-02-01', null, 0, 2, 70],
    ]);
  });

  it('breaks cohorts down by the channel of the first purchase', () => {
    expect(cells({ breakdown: 'channel' })).toEqual([
      ['2024-01-01', 'store', 0, 1, 1, true],
      ['2024-01-01', 'store', 1, 1, 0, true],
      ['2024-01-01', 'store', 2, 1, 0, false],
      ['2024-01-01', 'web', 0, 2, 1, true],
      ['2024-01-01', 'web', 1, 2, 0.5, true],
      ['2024-01-01', 'web', 2, 2, 1, false],
      ['2024-02-01', 'web', 0, 2, 1, true],
      ['2024-02-01', 'web', 1, 2, 0, false],
    ]);
  });

  it('narrows to a segment', () => {
    expect(cells({}, ['P', 'S'])).toEqual([
      ['2024-01-01', null, 0, 1, 1, true],
      ['2024-01-01', null, 1, 1, 1, true],
      ['2024-01-01', null, 2, 1, 1, false],
      ['2024-02-01', null, 0, 1, 1, true],
      ['2024-02-01', null, 1, 1, 0, false],
    ]);
  });
});

describe('cohorts by first event, and other grains', () => {
  it('puts customers in the cohort of their first activity of any kind', () => {
    const rows = cells({ anchor: 'first_event', breakdown: 'channel' });
    expect(rows.filter((c) => c[0] === '2023-12-01')).toEqual([
      ['2023-12-01', 'email', 0, 1, 0, true],
      ['2023-12-01', 'email', 1, 1, 0, true],
      ['2023-12-01', 'email', 2, 1, 1, true],
      ['2023-12-01', 'email', 3, 1, 0, false],
    ]);
    // U never bought: a cohort of one with no purchases, its only period incomplete.
    expect(rows.filter((c) => c[0] === '2024-03-01')).toEqual([['2024-03-01', 'web', 0, 1, 0, false]]);
    expect(rows.filter((c) => c[0] === '2024-02-01').map((c) => c[3])).toEqual([1, 1]);
  });

  it('marks the as-of period complete when the as-of date is its last day', () => {
    setAsOf(db, '2024-03-31');
    try {
      // S's purchase on Mar 16 now counts.
      expect(cells({}).map((c) => [c[2], c[4], c[5]])).toEqual([
        [0, 1, true],
        [1, third, true],
        [2, twoThirds, true],
        [0, 1, true],
        [1, 0.5, true],
      ]);
    } finally {
      setAsOf(db, '2024-03-15');
    }
  });

  it('uses ISO weeks starting on Monday', () => {
    const rows = rounded(db.query(cohortSql({ period: 'week', metric: 'revenue_per_customer' })), 4);
    // P's cohort is the week of Monday 2024-01-01; Feb 10 is week 5, the return on Feb 20 week 7;
    // the as-of date (Friday 2024-03-15) is in week 10, incomplete.
    const p = rows.filter((r) => isoDay(r.cohort) === '2024-01-01');
    expect(p.map((r) => r.period_index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(p.map((r) => r.value)).toEqual([100, 0, 0, 0, 0, 50, 0, -20, 0, 30, 0]);
    expect(isoDay(p[7].period_start)).toBe('2024-02-19');
    expect(p.map((r) => r.complete)).toEqual([...Array<boolean>(10).fill(true), false]);
    expect(rows.map((r) => isoDay(r.cohort)).filter((d, i, a) => a.indexOf(d) === i)).toEqual(['2024-01-01', '2024-01-15', '2024-01-29', '2024-02-12']);
  });

  it('uses calendar quarters', () => {
    expect(cells({ period: 'quarter', metric: 'orders' })).toEqual([['2024-01-01', null, 0, 5, 8, false]]);
  });
});

describe('cohort spec validation', () => {
  it('reports unknown values and meaningless combinations', () => {
    expect(validateCohortSpec({})).toEqual([]);
    const issues = validateCohortSpec({ period: 'day', metric: 'cumulative_revenue_per_customer', mode: 'in_or_after', maxPeriods: -1 });
    expect(issues.map((i) => i.path)).toEqual(['period', 'maxPeriods', 'mode']);
    expect(issues[0].message).toBe('The cohort period must be one of "week", "month", "quarter".');
    expect(() => cohortSql({ metric: 'ltv' } as unknown as CohortSpecInput)).toThrow(AnalyticsError);
  });
});
