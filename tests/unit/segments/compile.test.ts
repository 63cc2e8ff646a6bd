import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileSegment, SegmentError, type CompileOptions } from '../../../src/lib/segments';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { ACTIVITY_CASES, FIELD_CASES, GROUP_CASES, SAVED, SEQUENCE_CASES, type SegmentCase } from './cases';
import { AS_OF, FIELDS, fixtureSql } from './fixtures';

const OPTIONS: CompileOptions = { fields: FIELDS, segments: SAVED };

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  for (const statement of fixtureSql('duckdb')) db.query(statement);
});
afterAll(() => db.close());

function members(spec: unknown, options: Partial<CompileOptions> = {}): string[] {
  const { sql } = compileSegment(spec, { ...OPTIONS, ...options });
  return db
    .query(sql)
    .map((r) => String(r.customer_id))
    .sort();
}

const groups: [string, SegmentCase[]][] = [
  ['customer fields', FIELD_CASES],
  ['activity rules', ACTIVITY_CASES],
  ['sequence rules', SEQUENCE_CASES],
  ['groups, NOT, saved segments and pinned dates', GROUP_CASES],
];

for (const [title, cases] of groups) {
  describe(`members on DuckDB: ${title}`, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      expect(members(c.spec)).toEqual(c.members);
    });
  });
}

describe('the as-of date', () => {
  it('gives the same members when passed in as when read from as_of_date', () => {
    for (const c of [...ACTIVITY_CASES, ...SEQUENCE_CASES]) {
      expect(members(c.spec, { asOf: AS_OF }), c.name).toEqual(c.members);
    }
  });

  it('reads as_of_date when nothing is pinned, and writes the date in when it is', () => {
    const spec = { v: 1, match: { field: 'last_order_at', op: 'in_last', value: { days: 90 } } };
    expect(String(compileSegment(spec, OPTIONS).sql)).toContain('FROM "as_of_date"');
    const inline = String(compileSegment(spec, { ...OPTIONS, asOf: '2024-06-30' }).sql);
    expect(inline).not.toContain('as_of_date');
    expect(inline).toContain("CAST('2024-06-30' AS DATE)");
  });

  it('moves windows with the as_of_date table, never with today', () => {
    db.query(`UPDATE as_of_date SET as_of = DATE '2024-01-31'`);
    try {
      expect(members({ v: 1, match: { activity: {}, within: { days: 31 } } })).toEqual(['c2']);
      expect(members({ v: 1, match: { field: 'last_order_at', op: 'on', value: { daysAgo: 30 } } })).toEqual(['c2']);
    } finally {
      db.query(`UPDATE as_of_date SET as_of = DATE '${AS_OF}'`);
    }
  });
});

describe('the compiled SQL', () => {
  it('is one SELECT of customer_id over the canonical relations', () => {
    const { sql, segment } = compileSegment(GROUP_CASES[0].spec, OPTIONS);
    const text = String(sql);
    expect(text.startsWith('SELECT c."customer_id"\nFROM "customer_features" AS c\nWHERE ')).toBe(true);
    expect(text).not.toContain(';');
    expect(segment.fields.sort()).toEqual(['country', 'revenue']);
  });

  it('keeps hostile values inside literals', () => {
    const value = "x'); COPY customer_features TO '/tmp/x.csv'; --";
    const text = String(compileSegment({ v: 1, match: { field: 'country', op: '=', value } }, OPTIONS).sql);
    expect(text).toContain(`'x''); COPY customer_features TO ''/tmp/x.csv''; --'`);
    expect(members({ v: 1, match: { field: 'country', op: '=', value } })).toEqual([]);
  });

  it('throws a SegmentError listing every issue for an invalid document', () => {
    try {
      compileSegment({ v: 1, match: { all: [{ field: 'nope', op: '=', value: 1 }, { field: 'revenue', op: 'contains', value: 'x' }] } }, OPTIONS);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SegmentError);
      const err = e as SegmentError;
      expect(err.issues.map((i) => i.path)).toEqual(['match.all[0].field', 'match.all[1].op']);
      expect(err.message).toMatch(/^match\.all\[0\]\.field: This data has no field "nope"\..*\(and 1 more\)$/);
      expect(err.hint).toMatch(/Map a column/);
    }
  });

  it('rejects an unknown dialect and a malformed as-of option', () => {
    const spec = { v: 1, match: { all: [] } };
    expect(() => compileSegment(spec, { ...OPTIONS, dialect: 'mysql' as 'duckdb' })).toThrow(/dialect/);
    expect(() => compileSegment(spec, { ...OPTIONS, asOf: "2024-01-01' OR 1=1" })).toThrow(SegmentError);
  });

  it('compiles a 100-rule segment in well under a millisecond per rule', () => {
    const rules = Array.from({ length: 100 }, (_, i) =>
      i % 3 === 0
        ? { field: 'revenue', op: '>=', value: i }
        : i % 3 === 1
          ? { activity: { where: [{ field: 'channel', op: 'in', value: ['web', 'store'] }] }, count: { op: '>=', value: 2 }, within: { days: 90 } }
          : { not: { field: 'country', op: 'in', value: ['France', 'Spain'] } },
    );
    const spec = { v: 1, match: { any: [{ all: rules.slice(0, 50) }, { all: rules.slice(50) }] } };
    const start = performance.now();
    for (let i = 0; i < 20; i++) compileSegment(spec, OPTIONS);
    const perCompile = (performance.now() - start) / 20;
    expect(perCompile).toBeLessThan(50);
    expect(() => db.query(compileSegment(spec, OPTIONS).sql)).not.toThrow();
  });
});
