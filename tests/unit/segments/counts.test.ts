import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRuleCounts, formatSegmentSize, readRuleCounts, type CompileOptions } from '../../../src/lib/segments';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { ALL_CASES, GROUP_CASES, SAVED } from './cases';
import { FIELDS, fixtureSql } from './fixtures';

const OPTIONS: CompileOptions = { fields: FIELDS, segments: SAVED };

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  for (const statement of fixtureSql('duckdb')) db.query(statement);
});
afterAll(() => db.close());

function counts(spec: unknown) {
  const query = compileRuleCounts(spec, OPTIONS);
  return readRuleCounts(db.query(query.sql)[0], query);
}

describe('live counts', () => {
  it('gives the size, the share and each rule and group alone in one query', () => {
    const c = counts(GROUP_CASES[0].spec);
    expect(c.customers).toBe(6);
    expect(c.members).toBe(2);
    expect(c.share).toBeCloseTo(33.333, 2);
    expect(Object.fromEntries(c.byPath)).toEqual({
      match: 2,
      'match.all[0]': 3, // revenue >= 500: c1 c2 c5
      'match.all[1]': 5, // not Germany (customers with no country included)
      'match.all[1].not': 1,
      'match.all[1].not.any[0]': 1,
      'match.all[2]': 2, // twice in store within 365 days: c1 c5
    });
  });

  it('agrees with the member query for every hand-computed case', () => {
    for (const c of ALL_CASES) expect(counts(c.spec).members, c.name).toBe(c.members.length);
  });

  it('evaluates each rule once even when groups nest', () => {
    const spec = { v: 1, match: { not: { any: [{ all: [{ field: 'revenue', op: '>', value: 1 }] }, { activity: {} }] } } };
    const text = String(compileRuleCounts(spec, OPTIONS).sql);
    expect(text.match(/FROM "activity"/g)).toHaveLength(1);
    expect(counts(spec).byPath.get('match.not.any[1]')).toBe(5);
  });

  it('counts a saved segment as one rule', () => {
    const c = counts({ v: 1, match: { all: [{ segment: 'Big or lapsed' }, { field: 'country', op: '=', value: 'France' }] } });
    expect(Object.fromEntries(c.byPath)).toEqual({ match: 1, 'match.all[0]': 3, 'match.all[1]': 2 });
  });
});

describe('formatSegmentSize', () => {
  it('reads "12,345 customers (28.2%)"', () => {
    expect(formatSegmentSize(12345, 43777)).toBe('12,345 customers (28.2%)');
    expect(formatSegmentSize(1, 3)).toBe('1 customer (33.3%)');
    expect(formatSegmentSize(0, 0)).toBe('0 customers (0.0%)');
    expect(formatSegmentSize(1, 10_000)).toBe('1 customer (<0.1%)');
    expect(formatSegmentSize(1_000_000, 1_000_000)).toBe('1,000,000 customers (100.0%)');
  });
});
