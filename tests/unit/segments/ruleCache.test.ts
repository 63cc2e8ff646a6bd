import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRuleCounts, compileSegment, readRuleCounts, ruleSubqueries, type CompileOptions } from '../../../src/lib/segments';
import { ident } from '../../../src/lib/sql';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { ALL_CASES, SAVED } from './cases';
import { FIELDS, fixtureSql } from './fixtures';

const OPTIONS: CompileOptions = { fields: FIELDS, segments: SAVED };

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  for (const statement of fixtureSql('duckdb')) db.query(statement);
});
afterAll(() => db.close());

/** What the builder's cache does: each activity/sequence rule's customers as a temp table. */
function cached(spec: unknown): Map<string, string> {
  const tables = new Map<string, string>();
  for (const [key, subquery] of ruleSubqueries(spec, OPTIONS)) {
    const name = `rule_${tables.size}_${Math.random().toString(36).slice(2, 8)}`;
    db.query(`CREATE TEMP TABLE ${ident(name).text} AS SELECT DISTINCT customer_id FROM (${subquery.text}) AS rule`);
    tables.set(key, name);
  }
  return tables;
}

describe('rule tables for the live builder', () => {
  it('give the same members and counts as scanning activity, for every hand-computed case', () => {
    let withActivity = 0;
    for (const c of ALL_CASES) {
      const tables = cached(c.spec);
      if (tables.size) withActivity++;
      const ruleRelation = (key: string) => tables.get(key);
      const plain = compileRuleCounts(c.spec, OPTIONS);
      const fast = compileRuleCounts(c.spec, { ...OPTIONS, ruleRelation });
      expect(readRuleCounts(db.query(fast.sql)[0], fast), c.name).toEqual(readRuleCounts(db.query(plain.sql)[0], plain));
      const members = db.query(compileSegment(c.spec, { ...OPTIONS, ruleRelation }).sql).map((r) => r.customer_id).sort();
      expect(members, c.name).toEqual([...c.members].sort());
      if (tables.size) expect(fast.sql.text, c.name).not.toContain('FROM "activity"');
    }
    expect(withActivity).toBeGreaterThan(10);
  });

  it('knows a rule by its SQL, wherever it sits in the tree, and lists each once', () => {
    const rule = { activity: { event: 'purchase' }, count: { op: '>=', value: 2 }, within: { days: 365 } };
    const spec = { v: 1, match: { all: [rule, { any: [{ not: rule }, { field: 'revenue', op: '>', value: 1 }] }] } };
    expect(ruleSubqueries(spec, OPTIONS).size).toBe(1);
    const flat = ruleSubqueries({ v: 1, match: { all: [rule] } }, OPTIONS);
    expect([...ruleSubqueries(spec, OPTIONS).keys()]).toEqual([...flat.keys()]);
  });

  it('keeps the spaces inside values when the rule runs (the key folds them, the query does not)', () => {
    const spec = { v: 1, match: { activity: { where: [{ field: 'product', op: '=', value: 'Mug  (two spaces)' }] } } };
    const [subquery] = ruleSubqueries(spec, OPTIONS).values();
    expect(subquery.text).toContain("'Mug  (two spaces)'");
  });
});
