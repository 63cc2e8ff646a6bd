import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnalyticsError, journeyCustomersSql, journeySql, parseJourneySpec, validateJourneySpec, type JourneySpecInput } from '../../../src/lib/analytics';
import { sql } from '../../../src/lib/sql';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { loadCanonical, type ActivityRow } from './fixtures';
import { journeyReference } from './reference/journeys';
import { seeded } from './reference/random';

/**
 * As of 2024-03-31.
 *   1  email_open ×2 (Mar 1) → site_visit (Mar 2) → purchase of two lines (Mar 3) → email_open (Mar 10)
 *   2  site_visit (Mar 1) → purchase (Mar 2); a purchase on Apr 5 is after the as-of date
 *   3  email_open (Mar 1) → site_visit (Mar 5) → site_visit (Mar 6) → purchase (Mar 7)
 *   4  purchase (Mar 1) only
 */
const ROWS: ActivityRow[] = [
  ['1', '2024-03-01 09:00', null, null, 'email', 'email_open'],
  ['1', '2024-03-01 10:00', null, null, 'email', 'email_open'],
  ['1', '2024-03-02 10:00', null, null, 'web', 'site_visit'],
  ['1', '2024-03-03 10:00', 20, 'o1', 'web', 'purchase'],
  ['1', '2024-03-03 10:00', 5, 'o1', 'web', 'purchase'],
  ['1', '2024-03-10 10:00', null, null, 'email', 'email_open'],
  ['2', '2024-03-01 10:00', null, null, 'web', 'site_visit'],
  ['2', '2024-03-02 10:00', 30, 'o2', 'web', 'purchase'],
  ['2', '2024-04-05 10:00', 30, 'o3', 'store', 'purchase'],
  ['3', '2024-03-01 10:00', null, null, 'email', 'email_open'],
  ['3', '2024-03-05 10:00', null, null, 'web', 'site_visit'],
  ['3', '2024-03-06 10:00', null, null, 'web', 'site_visit'],
  ['3', '2024-03-07 10:00', 40, 'o4', 'store', 'purchase'],
  ['4', '2024-03-01 10:00', 10, 'o5', null, 'purchase'],
];

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  loadCanonical(db, ROWS, '2024-03-31');
});
afterAll(() => db.close());

/** "level node customers" lines, in the query's order. */
function nodes(spec: JourneySpecInput): string[] {
  return db.query(journeySql(spec).nodes).map((r) => `${r.level} ${r.node} ${r.customers}`);
}
function links(spec: JourneySpecInput): string[] {
  return db.query(journeySql(spec).links).map((r) => `${r.level} ${r.source} > ${r.target} ${r.customers}`);
}
/** Customers per level: every level must add up to the same number. */
function levelTotals(spec: JourneySpecInput): number[] {
  const totals = new Map<number, number>();
  for (const r of db.query(journeySql(spec).nodes)) totals.set(Number(r.level), (totals.get(Number(r.level)) ?? 0) + Number(r.customers));
  return [...totals.values()];
}

const base: JourneySpecInput = { steps: 3, minShare: 0 };

describe('journeys from the first activity', () => {
  it('collapses repeats, pads short journeys with End, and adds up at every level', () => {
    // 1: email_open, site_visit, purchase · 2: site_visit, purchase, End · 3: email_open, site_visit, purchase · 4: purchase, End, End
    expect(nodes(base)).toEqual([
      '1 step:email_open 2',
      '1 step:purchase 1',
      '1 step:site_visit 1',
      '2 step:site_visit 2',
      '2 end:End 1',
      '2 step:purchase 1',
      '3 end:End 2',
      '3 step:purchase 2',
    ]);
    expect(links(base)).toEqual([
      '1 step:email_open > step:site_visit 2',
      '1 step:purchase > end:End 1',
      '1 step:site_visit > step:purchase 1',
      '2 step:site_visit > step:purchase 2',
      '2 end:End > end:End 1',
      '2 step:purchase > end:End 1',
    ]);
    expect(levelTotals(base)).toEqual([4, 4, 4]);
  });

  it('keeps repeats when asked (two lines of one order stay one step)', () => {
    const spec = { ...base, collapseRepeats: false };
    // 1: email_open, email_open, site_visit · 3: email_open, site_visit, site_visit
    expect(nodes(spec).filter((n) => n.startsWith('2 ') || n.startsWith('3 '))).toEqual([
      '2 end:End 1',
      '2 step:email_open 1',
      '2 step:purchase 1',
      '2 step:site_visit 1',
      '3 end:End 2',
      '3 step:site_visit 2',
    ]);
  });

  it('groups rare paths into Other from the step where they become rare', () => {
    // minShare 0.3 of 4 customers: a path prefix needs 2 customers. [site_visit] and [purchase] have one each.
    const spec = { ...base, minShare: 0.3 };
    expect(nodes(spec)).toEqual([
      '1 other:Other 2',
      '1 step:email_open 2',
      '2 other:Other 2',
      '2 step:site_visit 2',
      '3 other:Other 2',
      '3 step:purchase 2',
    ]);
    expect(links(spec)).toContain('1 other:Other > other:Other 2');
    expect(levelTotals(spec)).toEqual([4, 4, 4]);
  });

  it('starts a new journey after an inactivity gap', () => {
    // 3 days: 1 keeps email_open → site_visit → purchase (the next open is 7 days later); 3 stops after its first open (4 days).
    const rows = db.query(journeyCustomersSql({ ...base, gapDays: 3 }, { level: 2, node: 'end:End' }));
    expect(rows.map((r) => r.customer_id)).toEqual(['3', '4']);
    expect(nodes({ ...base, steps: 5 }).filter((n) => n.startsWith('4 '))).toEqual(['4 end:End 3', '4 step:email_open 1']);
    expect(nodes({ ...base, gapDays: 3, steps: 5 }).filter((n) => n.startsWith('4 '))).toEqual(['4 end:End 4']);
  });

  it('uses channels as steps, leaving out activity without a channel', () => {
    // 1: email, web, email · 2: web · 3: email, web, store · 4 has no channel: no journey.
    expect(nodes({ ...base, by: 'channel' })).toEqual([
      '1 step:email 2',
      '1 step:web 1',
      '2 step:web 2',
      '2 end:End 1',
      '3 end:End 1',
      '3 step:email 1',
      '3 step:store 1',
    ]);
    // Channel and event together; a step without a channel is the event alone.
    expect(nodes({ ...base, by: 'channel_event', steps: 1 })).toEqual(['1 step:email email_open 2', '1 step:purchase 1', '1 step:web site_visit 1']);
  });

  it('takes only the chosen events', () => {
    expect(nodes({ ...base, steps: 2, events: ['site_visit', 'purchase'] })).toEqual([
      '1 step:site_visit 3',
      '1 step:purchase 1',
      '2 step:purchase 3',
      '2 end:End 1',
    ]);
  });
});

describe('anchored journeys', () => {
  it('starts at the first chosen event; customers without it have no journey', () => {
    const spec = { ...base, anchor: { at: 'start' as const, event: 'site_visit' } };
    // 1: site_visit, purchase, email_open · 2: site_visit, purchase, End · 3: site_visit, purchase, End
    expect(nodes(spec)).toEqual(['1 step:site_visit 3', '2 step:purchase 3', '3 end:End 2', '3 step:email_open 1']);
  });

  it('ends at the last purchase (up to the as-of date), padding with Start', () => {
    const spec = { ...base, anchor: { at: 'end' as const, event: 'purchase' } };
    // 1: email_open, site_visit, purchase · 2: Start, site_visit, purchase · 3: email_open, site_visit, purchase · 4: Start, Start, purchase
    expect(nodes(spec)).toEqual([
      '1 start:Start 2',
      '1 step:email_open 2',
      '2 step:site_visit 3',
      '2 start:Start 1',
      '3 step:purchase 4',
    ]);
    expect(links(spec)).toEqual([
      '1 step:email_open > step:site_visit 2',
      '1 start:Start > start:Start 1',
      '1 start:Start > step:site_visit 1',
      '2 step:site_visit > step:purchase 3',
      '2 start:Start > step:purchase 1',
    ]);
  });

  it('groups rare paths backward from an end anchor', () => {
    // From the purchase back: [purchase] 4, [purchase, site_visit] 3, [purchase, Start] 1 → kept as padding;
    // [purchase, site_visit, email_open] 2, [purchase, site_visit, Start] 1 → padding, never rare.
    const spec = { ...base, minShare: 0.3, anchor: { at: 'end' as const, event: 'purchase' } };
    expect(nodes(spec)).toEqual(nodes({ ...base, anchor: { at: 'end' as const, event: 'purchase' } }));
    const rare = { ...base, minShare: 0.6, anchor: { at: 'end' as const, event: 'purchase' } };
    // Needs 2.4 customers: [purchase, site_visit, email_open] (2) is rare.
    expect(nodes(rare)).toEqual(['1 other:Other 2', '1 start:Start 2', '2 step:site_visit 3', '2 start:Start 1', '3 step:purchase 4']);
  });

  it('narrows to a segment', () => {
    const segment = sql`SELECT customer_id FROM customer_features WHERE customer_id IN ('2', '4')`;
    expect(db.query(journeySql(base, { segment }).nodes).map((r) => `${r.level} ${r.node} ${r.customers}`)).toEqual([
      '1 step:purchase 1',
      '1 step:site_visit 1',
      '2 end:End 1',
      '2 step:purchase 1',
      '3 end:End 2',
    ]);
  });

  it('lists the customers who passed through a node', () => {
    const rows = db.query(journeyCustomersSql(base, { level: 2, node: 'step:site_visit' }));
    expect(rows.map((r) => r.customer_id)).toEqual(['1', '3']);
    expect(() => journeyCustomersSql(base, { level: 4, node: 'step:site_visit' })).toThrow(AnalyticsError);
  });
});

describe('journey spec validation', () => {
  it('reports problems with paths', () => {
    expect(validateJourneySpec({})).toEqual([]);
    const issues = validateJourneySpec({ steps: 0, anchor: { at: 'middle', event: 'purchase' }, minShare: 1, events: ['site_visit'] });
    expect(issues.map((i) => i.path)).toEqual(['anchor.at', 'steps', 'minShare', 'anchor.event']);
  });
});

describe('touches that share an instant', () => {
  /**
   *   A  Mar 1 10:00: email_open, purchase, site_visit (all web) · Mar 2: return (web)
   *   B  Mar 4: site_visit (web) · Mar 5 09:00: purchase ×2 (two lines), email_open (all store) · Mar 7: site_visit (web)
   */
  const SHARED: ActivityRow[] = [
    ['A', '2024-03-01 10:00', null, null, 'web', 'email_open'],
    ['A', '2024-03-01 10:00', 20, 'a1', 'web', 'purchase'],
    ['A', '2024-03-01 10:00', null, null, 'web', 'site_visit'],
    ['A', '2024-03-02 10:00', -20, 'a1', 'web', 'return'],
    ['B', '2024-03-04 09:00', null, null, 'web', 'site_visit'],
    ['B', '2024-03-05 09:00', 10, 'b1', 'store', 'purchase'],
    ['B', '2024-03-05 09:00', 5, 'b1', 'store', 'purchase'],
    ['B', '2024-03-05 09:00', null, null, 'store', 'email_open'],
    ['B', '2024-03-07 09:00', null, null, 'web', 'site_visit'],
  ];
  let shared: TestDb;
  beforeAll(async () => {
    shared = await openTestDb();
    loadCanonical(shared, SHARED, '2024-03-31');
  });
  afterAll(() => shared.close());
  const sharedNodes = (spec: JourneySpecInput): string[] =>
    shared.query(journeySql({ ...base, ...spec }).nodes).map((r) => `${r.level} ${r.node} ${r.customers}`);

  it('starts at the anchor within its instant: labels sorting before it there are not steps', () => {
    // A: purchase, site_visit, return · B: purchase, site_visit (Mar 7), End
    expect(sharedNodes({ anchor: { at: 'start', event: 'purchase' } })).toEqual(['1 step:purchase 2', '2 step:site_visit 2', '3 end:End 1', '3 step:return 1']);
  });

  it('ends at the anchor within its instant, reading the labels sorting before it there first', () => {
    // A: Start, email_open, purchase · B: site_visit (Mar 4), email_open, purchase
    expect(sharedNodes({ anchor: { at: 'end', event: 'purchase' } })).toEqual([
      '1 start:Start 1',
      '1 step:site_visit 1',
      '2 step:email_open 2',
      '3 step:purchase 2',
    ]);
  });

  it('makes one anchor touch of rows sharing instant and label when any of them is the anchor event', () => {
    // By channel: A's Mar 1 rows are one web touch (with the purchase), then web again · B: store, web, End
    expect(sharedNodes({ by: 'channel', anchor: { at: 'start', event: 'purchase' } })).toEqual([
      '1 step:store 1',
      '1 step:web 1',
      '2 end:End 1',
      '2 step:web 1',
      '3 end:End 2',
    ]);
    // Without collapsing, each instant is still one touch per label: A: web, web, End · B: store, web, End
    expect(sharedNodes({ by: 'channel', anchor: { at: 'start', event: 'purchase' }, collapseRepeats: false })).toEqual([
      '1 step:store 1',
      '1 step:web 1',
      '2 step:web 2',
      '3 end:End 2',
    ]);
  });
});

describe('journeys match the reference on activity full of shared instants', () => {
  /** Customers with up to 12 touches over a few hours or days, many at one instant, some of them twice. */
  function crowded(seed: number): ActivityRow[] {
    const rnd = seeded(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const rows: ActivityRow[] = [];
    for (let c = 1; c <= 150; c++) {
      const hours = 1 + Math.floor(rnd() * 120);
      for (let i = Math.floor(rnd() * 12); i > 0; i--) {
        const at = new Date(Date.UTC(2024, 0, 1) + Math.floor(rnd() * hours) * 3_600_000 * (rnd() < 0.5 ? 1 : 9)).toISOString().slice(0, 16).replace('T', ' ');
        rows.push([`c${c}`, at, 1, null, pick(['web', 'store', null, 'web'] as const), pick(['purchase', 'email_open', 'site_visit', 'return', 'purchase'] as const)]);
        if (rnd() < 0.3) rows.push([`c${c}`, at, 1, null, pick(['web', 'store', null] as const), pick(['purchase', 'email_open'] as const)]);
      }
    }
    return rows;
  }
  const ROWS_CROWDED = crowded(20240301);
  let crowdedDb: TestDb;
  beforeAll(async () => {
    crowdedDb = await openTestDb();
    loadCanonical(crowdedDb, ROWS_CROWDED, '2024-03-31');
  });
  afterAll(() => crowdedDb.close());

  const specs: JourneySpecInput[] = [
    { steps: 4, minShare: 0 },
    { by: 'channel', anchor: { at: 'start', event: 'purchase' }, steps: 4, minShare: 0, collapseRepeats: false },
    { by: 'channel', anchor: { at: 'end', event: 'purchase' }, steps: 4, minShare: 0, gapDays: 1 },
    { by: 'channel_event', anchor: { at: 'end', event: null }, steps: 3, minShare: 0, collapseRepeats: false, gapDays: 4 },
    { anchor: { at: 'start', event: 'email_open' }, steps: 5, minShare: 0, gapDays: 1 },
    { anchor: { at: 'end', event: 'email_open' }, steps: 1, minShare: 0 },
  ];
  for (const input of specs) {
    it(JSON.stringify(input), () => {
      const spec = parseJourneySpec(input);
      const expected = journeyReference(ROWS_CROWDED, '2024-03-31', spec);
      const q = journeySql(spec);
      const sortedEntries = (m: Map<string, number>): Array<[string, number]> => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const nodes = new Map(crowdedDb.query(q.nodes).map((r): [string, number] => [`${r.level}|${r.node}`, Number(r.customers)]));
      const links = new Map(crowdedDb.query(q.links).map((r): [string, number] => [`${r.level}|${r.source}|${r.target}`, Number(r.customers)]));
      expect(sortedEntries(nodes)).toEqual(sortedEntries(expected.nodes));
      expect(sortedEntries(links)).toEqual(sortedEntries(expected.links));
    });
  }
});
