/**
 * The PostgreSQL dialect: its shape always, and — when PostgreSQL is installed — the same
 * members as DuckDB for every hand-computed case, on the same rows.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRuleCounts, compileSegment, compileValidSegment, validateSegment, type CompileOptions } from '../../../src/lib/segments';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { segmentArbitraries } from './helpers/arbitraries';
import { ALL_CASES, SAVED } from './cases';
import { AS_OF, FIELDS, fixtureSql } from './fixtures';
import { startPostgres, type PgServer } from './helpers/postgres';

const OPTIONS: CompileOptions = { fields: FIELDS, segments: SAVED, dialect: 'postgres' };

describe('PostgreSQL SQL, by its shape', () => {
  it('uses no DuckDB-only syntax', () => {
    for (const c of ALL_CASES) {
      const text = String(compileSegment(c.spec, OPTIONS).sql);
      expect(text, c.name).not.toMatch(/list_contains|list_has_any|list_has_all|\blen\(|::VARCHAR|INTERVAL \d|(?<!ARRAY)\[['"]/);
    }
  });

  it('writes lists as arrays and backslashes as E-strings', () => {
    const spec = { v: 1, match: { all: [{ field: 'channels', op: 'contains_all', value: ['web', 'a\\b'] }, { field: 'channels', op: 'contains', value: "it's" }] } };
    expect(String(compileSegment(spec, OPTIONS).sql)).toBe(
      `SELECT c."customer_id"
FROM "customer_features" AS c
WHERE (coalesce(c."channels" @> ARRAY['web', E'a\\\\b']::text[], FALSE)
  AND coalesce('it''s' = ANY(c."channels"), FALSE))`,
    );
  });
});

const start = startPostgres();
const skip = 'skip' in start ? start.skip : null;
if (skip) console.warn(`PostgreSQL result checks skipped: ${skip}`);

describe.skipIf(skip !== null)('PostgreSQL returns the same customers', () => {
  let pg: PgServer;
  let duck: TestDb;
  beforeAll(async () => {
    if ('skip' in start) return;
    pg = start.server;
    for (const statement of fixtureSql('postgres')) pg.query(String(statement));
    duck = await openTestDb();
    for (const statement of fixtureSql('duckdb')) duck.query(statement);
  });
  afterAll(() => {
    pg?.stop();
    duck?.close();
  });

  const members = (spec: unknown, options: Partial<CompileOptions> = {}): string[] =>
    pg
      .query(String(compileSegment(spec, { ...OPTIONS, ...options }).sql))
      .map((r) => String(r[0]))
      .sort();

  it.each(ALL_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(members(c.spec)).toEqual(c.members);
  });

  it('with the as-of date written in instead of read from as_of_date', () => {
    const results = pg.queryMany(ALL_CASES.map((c) => String(compileSegment(c.spec, { ...OPTIONS, asOf: AS_OF }).sql)));
    ALL_CASES.forEach((c, i) => expect(results[i].map((r) => String(r[0])).sort(), c.name).toEqual(c.members));
  });

  it('gives the same live counts', () => {
    const query = compileRuleCounts(ALL_CASES.at(-10)?.spec, OPTIONS);
    const [row] = pg.query(String(query.sql));
    expect(row.slice(0, 2).map(Number)).toEqual([6, ALL_CASES.at(-10)?.members.length]);
  });

  it('as DuckDB does, for 300 random segments (a differential fuzz)', () => {
    const fields = FIELDS.filter((f) => f.kind !== 'other');
    const { spec } = segmentArbitraries({ fields, savedNames: [...SAVED.keys()], plain: true });
    const segments = fc
      .sample(spec, { numRuns: 330, seed: 2024 })
      .map((json) => validateSegment(json, fields, { segments: SAVED }))
      .flatMap((result) => (result.ok ? [result.segment] : []));
    expect(segments.length).toBeGreaterThan(300);
    const onPg = pg.queryMany(segments.map((s) => String(compileValidSegment(s, { dialect: 'postgres' }).sql)));
    segments.forEach((s, i) => {
      const onDuck = duck.query(compileValidSegment(s).sql).map((r) => String(r.customer_id)).sort();
      expect(onPg[i].map((r) => String(r[0])).sort(), String(compileValidSegment(s).sql)).toEqual(onDuck);
    });
  });
});
