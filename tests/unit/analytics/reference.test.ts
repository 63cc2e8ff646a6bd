/**
 * The compiled SQL against plain reference code on seeded random activity logs: the
 * optimised queries (rank counts, journey paths, lifecycle spans) must agree with the rules
 * computed the obvious way, for many settings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_RFM_SPEC,
  journeySql,
  lifecycleSql,
  parseJourneySpec,
  rfmSql,
  type JourneySpecInput,
  type RfmSpec,
} from '../../../src/lib/analytics';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { isoDay, loadCanonical } from './fixtures';
import { journeyReference } from './reference/journeys';
import { lifecycleReference, type LifecycleOptions } from './reference/lifecycle';
import { randomActivity } from './reference/random';
import { rfmReference } from './reference/rfm';

const AS_OF = '2024-06-30';
const ROWS = randomActivity(20240630);

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  loadCanonical(db, ROWS, AS_OF);
});
afterAll(() => db.close());

const asMap = (entries: Array<[string, number]>): Map<string, number> => new Map(entries.filter(([, v]) => v > 0).sort());
const sorted = (m: Map<string, number>): Map<string, number> => new Map([...m].sort());

describe('RFM matches the reference', () => {
  const specs: RfmSpec[] = [DEFAULT_RFM_SPEC, { ...DEFAULT_RFM_SPEC, windowDays: 180 }, { ...DEFAULT_RFM_SPEC, monetary: 'average' }];
  for (const spec of specs) {
    it(`window ${spec.windowDays}, monetary ${spec.monetary}`, () => {
      const rows = db.query(rfmSql(spec).scores).map((r) => ({
        customer_id: r.customer_id, recency_days: r.recency_days, frequency: r.frequency, monetary: r.monetary, r: r.r, f: r.f, m: r.m, segment: r.segment,
      }));
      expect(rows.length).toBeGreaterThan(30);
      expect(rows).toEqual(rfmReference(ROWS, AS_OF, spec));
    });
  }
});

describe('journeys match the reference', () => {
  const specs: JourneySpecInput[] = [
    {},
    { steps: 3, minShare: 0 },
    { steps: 4, minShare: 0.05, collapseRepeats: false },
    { by: 'channel', steps: 4, minShare: 0.03, gapDays: 30 },
    { by: 'channel_event', anchor: { at: 'end', event: 'purchase' }, steps: 4, minShare: 0.05 },
    { anchor: { at: 'end', event: null }, steps: 3, minShare: 0, gapDays: 10, collapseRepeats: false },
    { anchor: { at: 'start', event: 'purchase' }, steps: 5, minShare: 0.04, gapDays: 60, events: ['purchase', 'email_open'] },
    { by: 'channel', anchor: { at: 'end', event: 'purchase' }, steps: 6, minShare: 0.1, gapDays: 0.5 },
  ];
  for (const input of specs) {
    it(JSON.stringify(input), () => {
      const spec = parseJourneySpec(input);
      const expected = journeyReference(ROWS, AS_OF, spec);
      const q = journeySql(spec);
      const nodes = asMap(db.query(q.nodes).map((r) => [`${r.level}|${r.node}`, Number(r.customers)]));
      const links = asMap(db.query(q.links).map((r) => [`${r.level}|${r.source}|${r.target}`, Number(r.customers)]));
      expect(nodes).toEqual(sorted(expected.nodes));
      expect(links).toEqual(sorted(expected.links));
    });
  }
});

describe('lifecycle matches the reference', () => {
  const specs: LifecycleOptions[] = [
    { period: 'month', periods: null, atRiskDays: 60, lapsedDays: 180 },
    { period: 'month', periods: 6, atRiskDays: 30, lapsedDays: 45 },
    { period: 'quarter', periods: null, atRiskDays: 90, lapsedDays: 365 },
    { period: 'week', periods: 20, atRiskDays: 10, lapsedDays: 40 },
    { period: 'quarter', periods: 2, atRiskDays: 5, lapsedDays: 20 },
  ];
  for (const spec of specs) {
    it(JSON.stringify(spec), () => {
      const expected = lifecycleReference(ROWS, AS_OF, spec);
      const q = lifecycleSql(spec);
      const stages = asMap(db.query(q.stages).map((r) => [`${isoDay(r.period)}|${r.stage}`, Number(r.customers)]));
      const moves = asMap(db.query(q.transitions).map((r) => [`${isoDay(r.period)}|${r.from_stage ?? '∅'}|${r.to_stage}`, Number(r.customers)]));
      expect(stages).toEqual(sorted(expected.stages));
      expect(moves).toEqual(sorted(expected.moves));
    });
  }
});
