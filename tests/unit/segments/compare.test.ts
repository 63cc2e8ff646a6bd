import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPARE_MAX, SegmentError, compareSegmentsSql, readSegmentComparison, repeatRate, retentionRate, segmentAov } from '../../../src/lib/segments';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { SAVED } from './cases';
import { FIELDS, fixtureSql } from './fixtures';

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  for (const statement of fixtureSql('duckdb')) db.query(statement);
});
afterAll(() => db.close());

function compare(names: string[]) {
  const q = compareSegmentsSql(names, { fields: FIELDS, segments: SAVED });
  return readSegmentComparison(q, db.query(q.stats), db.query(q.overlap));
}

describe('comparing saved segments', () => {
  it('gives size, revenue, orders, recency, repeat rate and retention per segment and for everyone (hand-computed)', () => {
    const c = compare(['Big spenders', 'Big or lapsed']);
    // Big spenders = c5; Big or lapsed = c2, c5, c6 (see fixtures.ts).
    expect(c.segments[0]).toMatchObject({ name: 'Big spenders', customers: 1, revenue: 2500, orders: 8, buyers: 1, repeatCustomers: 1, daysSinceLastOrder: 29, established: 1, retained: 1 });
    expect(c.segments[1]).toMatchObject({ name: 'Big or lapsed', customers: 3, revenue: 3060, orders: 11, buyers: 3, repeatCustomers: 2, established: 3, retained: 1 });
    expect(c.segments[1].daysSinceLastOrder).toBeCloseTo((181 + 29 + 366) / 3, 6);
    // c3 bought exactly 90 days before the as-of date: outside the 90-day window, so not retained.
    expect(c.all).toMatchObject({ customers: 6, revenue: 4080.5, orders: 17, buyers: 5, repeatCustomers: 3, established: 5, retained: 2 });
    expect(c.all.daysSinceLastOrder).toBeCloseTo(133.2, 6);
    expect(c.overlap.get('0|1')).toBe(1);
    expect(segmentAov(c.segments[1])).toBeCloseTo(3060 / 11, 9);
    expect(repeatRate(c.segments[1])).toBeCloseTo(2 / 3, 9);
    expect(retentionRate(c.all)).toBeCloseTo(2 / 5, 9);
  });

  it('reports pairs that share no one as absent (zero overlap)', () => {
    const c = compare(['Big spenders', 'Lapsed', 'January buyers']);
    expect(c.segments.map((s) => s.customers)).toEqual([1, 2, c.segments[2].customers]);
    expect(c.overlap.get('0|1')).toBeUndefined();
  });

  it('refuses fewer than two or more than four segments, and names an unknown one', () => {
    expect(() => compareSegmentsSql(['Lapsed'], { fields: FIELDS, segments: SAVED })).toThrow(/2 to 4/);
    const five = ['Lapsed', 'Big spenders', 'Big or lapsed', 'January buyers', 'Lapsed'];
    expect(five.length).toBeGreaterThan(COMPARE_MAX);
    expect(() => compareSegmentsSql(five, { fields: FIELDS, segments: SAVED })).toThrow(SegmentError);
    expect(() => compareSegmentsSql(['Lapsed', 'Nope'], { fields: FIELDS, segments: SAVED })).toThrow(/Nope/);
  });

  it('never splices a name into SQL', () => {
    const evil = "x'); DROP TABLE activity; --";
    const segments = new Map([...SAVED, [evil, SAVED.get('Lapsed')!]]);
    const q = compareSegmentsSql(['Lapsed', evil], { fields: FIELDS, segments });
    expect(q.stats.text).not.toContain('DROP');
    expect(readSegmentComparison(q, db.query(q.stats), db.query(q.overlap)).segments[1].customers).toBe(2);
  });
});
