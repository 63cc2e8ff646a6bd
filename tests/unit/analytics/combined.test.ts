/**
 * The shortcuts cells take must not change answers: RFM over all history read from
 * customer_features, segments and grid summarised from the stored scores, journeys and the
 * lifecycle in one combined query — each checked against the plain queries; and the RFM
 * scores written onto customer_features.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeySql, lifecycleSql, rfmSql, rfmSummarySql, rfmTraitsSql, type JourneySpecInput, type LifecycleSpecInput, type RfmSpecInput } from '../../../src/lib/analytics';
import { sql } from '../../../src/lib/sql';
import { openTestDb, type Row, type TestDb } from '../helpers/duckdb';
import { loadCanonical } from './fixtures';
import { randomActivity } from './reference/random';

const AS_OF = '2024-06-30';
let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  loadCanonical(db, randomActivity(7), AS_OF);
});
afterAll(() => db.close());

const without = (rows: Row[], ...keys: string[]): Row[] => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k))));

describe('RFM shortcuts', () => {
  it('scores all history from customer_features exactly as from activity', () => {
    // 36,500 days reach before any activity of the fixture: the same customers and measures, read from activity.
    const fromFeatures = db.query(rfmSql({}).scores);
    expect(fromFeatures.length).toBeGreaterThan(30);
    expect(fromFeatures).toEqual(db.query(rfmSql({ windowDays: 36_500 }).scores));
    expect(rfmSql({}).scores.text).toMatch(/FROM "customer_features"/);
    expect(rfmSql({ windowDays: 30 }).scores.text).not.toMatch(/FROM "customer_features"/);
  });

  const specs: RfmSpecInput[] = [{}, { windowDays: 120, monetary: 'average' }, { segments: [{ name: 'Top', r: [4, 5], fm: [4, 5] }, { name: 'Rest' }] }];
  for (const spec of specs) {
    it(`summarises stored scores as the plain queries do: ${JSON.stringify(spec)}`, () => {
      db.query(sql`CREATE OR REPLACE TABLE rfm_cell AS ${rfmSql(spec).scores}`);
      const summary = rfmSummarySql(spec, 'rfm_cell');
      expect(db.query(summary.segments)).toEqual(db.query(rfmSql(spec).segments));
      expect(db.query(summary.grid)).toEqual(db.query(rfmSql(spec).grid));
    });
  }

  it('writes the scores onto customer_features, and clears those of customers a later run did not score', () => {
    db.query(sql`CREATE OR REPLACE TABLE rfm_cell AS ${rfmSql({}).scores}`);
    for (const s of rfmTraitsSql('rfm_cell')) db.query(s);
    const scored = db.query('SELECT customer_id, r, f, m, segment FROM rfm_cell ORDER BY customer_id');
    const traits = db.query('SELECT customer_id, rfm_recency, rfm_frequency, rfm_monetary, rfm_score, rfm_segment FROM customer_features WHERE rfm_segment IS NOT NULL ORDER BY customer_id');
    expect(traits).toEqual(
      scored.map((r) => ({
        customer_id: r.customer_id, rfm_recency: r.r, rfm_frequency: r.f, rfm_monetary: r.m,
        rfm_score: 100 * Number(r.r) + 10 * Number(r.f) + Number(r.m), rfm_segment: r.segment,
      })),
    );
    // A second run narrowed to two customers: everyone else's scores are gone.
    const two = scored.slice(0, 2).map((r) => String(r.customer_id));
    db.query(sql`CREATE OR REPLACE TABLE rfm_cell AS ${rfmSql({}, { segment: sql`SELECT customer_id FROM customer_features WHERE customer_id IN (${two[0]}, ${two[1]})` }).scores}`);
    for (const s of rfmTraitsSql('rfm_cell')) db.query(s);
    expect(db.query('SELECT customer_id FROM customer_features WHERE rfm_score IS NOT NULL ORDER BY customer_id').map((r) => r.customer_id)).toEqual(two);
  });
});

describe('one combined query per cell', () => {
  const journeys: JourneySpecInput[] = [{}, { by: 'channel', anchor: { at: 'end', event: 'purchase' }, gapDays: 30, steps: 4 }];
  for (const spec of journeys) {
    it(`journey nodes and links: ${JSON.stringify(spec)}`, () => {
      const q = journeySql(spec);
      const both = db.query(q.both);
      expect(without(both.filter((r) => r.part === 'node'), 'part', 'source', 'target')).toEqual(db.query(q.nodes));
      expect(without(both.filter((r) => r.part === 'link'), 'part', 'node', 'label', 'kind')).toEqual(db.query(q.links));
      expect(both.findIndex((r) => r.part === 'link')).toBe(both.filter((r) => r.part === 'node').length);
    });
  }

  const lifecycles: LifecycleSpecInput[] = [{}, { period: 'week', periods: null, atRiskDays: 20, lapsedDays: 60 }];
  for (const spec of lifecycles) {
    it(`lifecycle stages and transitions: ${JSON.stringify(spec)}`, () => {
      const q = lifecycleSql(spec);
      const both = db.query(q.both);
      const stages = both.filter((r) => r.part === 'stage').map((r) => ({ period: r.period, stage: r.to_stage, customers: r.customers, complete: r.complete }));
      expect(stages).toEqual(db.query(q.stages));
      expect(without(both.filter((r) => r.part === 'transition'), 'part')).toEqual(db.query(q.transitions));
    });
  }
});
