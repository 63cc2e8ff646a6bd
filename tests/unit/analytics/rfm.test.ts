import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AnalyticsError,
  DEFAULT_RFM_RULES,
  rfmCustomersSql,
  rfmSql,
  rfmSummarySql,
  rfmTraitsSql,
  segmentForScores,
  uncoveredScores,
  validateRfmSpec,
  type RfmRule,
} from '../../../src/lib/analytics';
import { sql, type Sql } from '../../../src/lib/sql';
import { openTestDb, type TestDb } from '../helpers/duckdb';
import { loadCanonical, rounded, type ActivityRow } from './fixtures';
import { randomActivity } from './reference/random';

/**
 * As of 2024-06-30. Hand-computed measures over all history (recency days, orders, net revenue):
 *   A   0  3  200   (a purchase at 23:30 on the as-of day counts; one on 07-02 does not)
 *   B  10  2   70   (60 + 40 − a 30 return; orders without an order id count by day)
 *   C  10  1  200   (ties B on recency, A on revenue)
 *   D 162  2   60
 *   E 365  1   10
 *   H  76  1   80   (one order of two lines)
 *   I   2  1   35   (two purchases the same day without an order id: one order)
 *   J 546  1    0   (a 50 purchase fully returned in the last 30 days)
 * F has only email opens and G only buys after the as-of date: neither is scored.
 */
const ROWS: ActivityRow[] = [
  ['A', '2024-06-30 23:30', 100, 'a3', 'web', 'purchase'],
  ['A', '2024-06-01 10:00', 50, 'a2', 'web', 'purchase'],
  ['A', '2024-05-01 10:00', 50, 'a1', 'store', 'purchase'],
  ['A', '2024-07-02 10:00', 999, 'a4', 'web', 'purchase'],
  ['A', '2024-06-15 10:00', null, null, 'email', 'email_open'],
  ['B', '2024-06-20 10:00', 60, null, 'web', 'purchase'],
  ['B', '2024-03-01 10:00', 40, null, 'web', 'purchase'],
  ['B', '2024-06-25 10:00', -30, null, 'web', 'return'],
  ['C', '2024-06-20 18:00', 200, 'c1', 'store', 'purchase'],
  ['D', '2024-01-10 10:00', 30, 'd1', 'web', 'purchase'],
  ['D', '2024-01-20 10:00', 30, 'd2', 'web', 'purchase'],
  ['E', '2023-07-01 10:00', 10, 'e1', 'app', 'purchase'],
  ['F', '2024-06-01 10:00', null, null, 'email', 'email_open'],
  ['G', '2024-07-05 10:00', 70, 'g1', 'web', 'purchase'],
  ['H', '2024-04-15 10:00', 50, 'h1', 'store', 'purchase'],
  ['H', '2024-04-15 10:00', 30, 'h1', 'store', 'purchase'],
  ['I', '2024-06-28 09:00', 20, null, 'web', 'purchase'],
  ['I', '2024-06-28 17:00', 15, null, 'web', 'purchase'],
  ['J', '2023-01-01 10:00', 50, 'j1', 'web', 'purchase'],
  ['J', '2024-06-10 10:00', -50, 'j1', 'web', 'return'],
];

let db: TestDb;
beforeAll(async () => {
  db = await openTestDb();
  loadCanonical(db, ROWS, '2024-06-30');
});
afterAll(() => db.close());

const byCustomer = (rows: Record<string, unknown>[]): Record<string, unknown> =>
  Object.fromEntries(rows.map((r) => [String(r.customer_id), r]));

describe('RFM scores', () => {
  it('measures recency, frequency and net revenue up to the as-of date, and scores ties equally', () => {
    const rows = db.query(rfmSql().scores);
    expect(rows.map((r) => [r.customer_id, r.recency_days, r.frequency, r.monetary, r.r, r.f, r.m, r.fm, r.segment])).toEqual([
      // n = 8; score = 1 + ⌊5 (rank − 1) / 8⌋ with RANK() from worst to best.
      ['A', 0, 3, 200, 5, 5, 4, 5, 'Champions'],
      ['B', 10, 2, 70, 3, 4, 3, 4, 'Loyal Customers'],
      ['C', 10, 1, 200, 3, 1, 4, 3, 'Need Attention'],
      ['D', 162, 2, 60, 2, 4, 2, 3, 'At Risk'],
      ['E', 365, 1, 10, 1, 1, 1, 1, 'Lost'],
      ['H', 76, 1, 80, 2, 1, 4, 3, 'At Risk'],
      ['I', 2, 1, 35, 4, 1, 2, 2, 'Potential Loyalists'],
      ['J', 546, 1, 0, 1, 1, 1, 1, 'Lost'],
    ]);
  });

  it('scores only the window ending with the as-of date', () => {
    // 30 days: 2024-06-01 … 06-30. A: 2 orders 150; B: 1 order 60 − 30; C: 200; I: 35. J has only a return: not scored.
    const rows = db.query(rfmSql({ windowDays: 30 }).scores);
    expect(rows.map((r) => [r.customer_id, r.recency_days, r.frequency, r.monetary, r.r, r.f, r.m])).toEqual([
      ['A', 0, 2, 150, 4, 4, 3],
      ['B', 10, 1, 30, 1, 1, 1],
      ['C', 10, 1, 200, 1, 1, 4],
      ['I', 2, 1, 35, 3, 1, 2],
    ]);
  });

  it('uses revenue per order as the monetary value when asked', () => {
    const rows = byCustomer(rounded(db.query(rfmSql({ monetary: 'average' }).scores), 2));
    // Ascending: J 0, E 10, D 30, B 35 = I 35, A 66.67, H 80, C 200 → ranks 1, 2, 3, 4, 4, 6, 7, 8 (n = 8).
    expect(rows.A).toMatchObject({ monetary: 66.67, revenue: 200, m: 4 });
    expect(rows.B).toMatchObject({ monetary: 35, m: 2 });
    expect(rows.I).toMatchObject({ monetary: 35, m: 2 });
    expect(rows.H).toMatchObject({ monetary: 80, m: 4 });
    expect(rows.C).toMatchObject({ monetary: 200, m: 5 });
  });

  it('narrows to a segment', () => {
    const segment = sql`SELECT customer_id FROM customer_features WHERE customer_id IN ('A', 'B', 'C', 'D')`;
    const rows = db.query(rfmSql({}, { segment }).scores);
    // Recency worst first: D r1, B = C r2, A r4 (n = 4).
    expect(rows.map((r) => [r.customer_id, r.r])).toEqual([['A', 4], ['B', 2], ['C', 2], ['D', 1]]);
  });
});

describe('RFM segments', () => {
  it('puts every scored customer in exactly one segment', () => {
    const rows = db.query(`WITH s AS (${rfmSql().scores.text}) SELECT count(*) AS n, count(DISTINCT customer_id) AS ids, count(segment) AS named FROM s`);
    expect(rows).toEqual([{ n: 8, ids: 8, named: 8 }]);
    expect(uncoveredScores(DEFAULT_RFM_RULES)).toEqual([]);
  });

  it('summarises each segment in rule order, empty ones included', () => {
    const rows = rounded(db.query(rfmSql().segments), 6);
    const total = 655;
    const share = (x: number): number => Number((x / total).toFixed(6));
    expect(rows.map((r) => r.segment)).toEqual(DEFAULT_RFM_RULES.map((r) => r.name));
    const by = Object.fromEntries(rows.map((r) => [r.segment, r]));
    expect(by.Champions).toEqual({
      segment: 'Champions', customers: 1, customer_share: 0.125, revenue: 200, revenue_share: share(200),
      mean_recency_days: 0, mean_frequency: 3, mean_monetary: 200,
    });
    expect(by['At Risk']).toEqual({
      segment: 'At Risk', customers: 2, customer_share: 0.25, revenue: 140, revenue_share: share(140),
      mean_recency_days: 119, mean_frequency: 1.5, mean_monetary: 70,
    });
    expect(by.Lost).toMatchObject({ customers: 2, revenue: 10, mean_recency_days: 455.5, mean_frequency: 1, mean_monetary: 5 });
    expect(by.Hibernating).toEqual({
      segment: 'Hibernating', customers: 0, customer_share: 0, revenue: 0, revenue_share: 0,
      mean_recency_days: null, mean_frequency: null, mean_monetary: null,
    });
    expect(rows.reduce((s, r) => s + Number(r.customers), 0)).toBe(8);
  });

  it('lays out the R × FM grid with all 25 cells, named as the rules say', () => {
    const rows = db.query(rfmSql().grid);
    expect(rows).toHaveLength(25);
    for (const row of rows) {
      const fm = Number(row.fm);
      // With rules on R and FM only, F = M = FM is a representative of the cell.
      expect(row.segment).toBe(segmentForScores(DEFAULT_RFM_RULES, Number(row.r), fm, fm));
    }
    const cell = (r: number, fm: number): Record<string, unknown> | undefined => rows.find((x) => x.r === r && x.fm === fm);
    expect(cell(2, 3)).toMatchObject({ segment: 'At Risk', customers: 2, revenue: 140, customer_share: 0.25 });
    expect(cell(1, 1)).toMatchObject({ segment: 'Lost', customers: 2, revenue: 10 });
    expect(cell(5, 1)).toMatchObject({ segment: 'New Customers', customers: 0, revenue: 0 });
    expect(rows.reduce((s, r) => s + Number(r.customers), 0)).toBe(8);
  });

  it('applies edited rules in order: the first match wins', () => {
    const rules: RfmRule[] = [
      { name: 'Big spenders', m: [4, 5] },
      { name: 'Recent', r: [4, 5] },
      { name: 'Everyone else' },
    ];
    const rows = db.query(rfmSql({ segments: rules }).scores);
    expect(rows.map((r) => [r.customer_id, r.segment])).toEqual([
      ['A', 'Big spenders'], // also recent: the first rule wins
      ['B', 'Everyone else'],
      ['C', 'Big spenders'],
      ['D', 'Everyone else'],
      ['E', 'Everyone else'],
      ['H', 'Big spenders'],
      ['I', 'Recent'],
      ['J', 'Everyone else'],
    ]);
  });

  it('lists the customers of a segment or of a grid cell', () => {
    expect(db.query(rfmCustomersSql({}, { segment: 'Lost' })).map((r) => r.customer_id)).toEqual(['E', 'J']);
    expect(db.query(rfmCustomersSql({}, { r: 2, fm: 3 })).map((r) => r.customer_id)).toEqual(['D', 'H']);
    expect(() => rfmCustomersSql({}, { segment: 'Nobody' })).toThrow(AnalyticsError);
  });
});

describe('RFM spec validation', () => {
  it('accepts the defaults and reports every problem with a path', () => {
    expect(validateRfmSpec({})).toEqual([]);
    expect(validateRfmSpec(undefined)).toEqual([]);
    const issues = validateRfmSpec({ v: 2, windowDays: 0, monetary: 'median', extra: 1 });
    expect(issues.map((i) => i.path)).toEqual(['extra', 'v', 'windowDays', 'monetary']);
    expect(issues[2].message).toMatch(/whole number from 1/);
  });

  it('rejects rules that leave customers without a segment, or reuse a name', () => {
    const issues = validateRfmSpec({ segments: [{ name: 'Top', r: [5, 5] }, { name: 'Top', r: [3, 4], f: [6, 1] }] });
    expect(issues.map((i) => i.path)).toEqual(['segments[1].f', 'segments[1].name', 'segments']);
    expect(issues[2].message).toMatch(/R 1 F 1 M 1.*fall in no segment/);
    expect(() => rfmSql({ segments: [] })).toThrow(AnalyticsError);
  });

  it('keeps hostile segment names as data', () => {
    const rules: RfmRule[] = [{ name: "Robert'); DROP TABLE activity; --" }];
    expect(db.query(rfmSql({ segments: rules }).segments)[0]).toMatchObject({ segment: rules[0].name, customers: 8 });
  });
});

/** Rows with bigints as text, to compare whole results exactly. */
const exact = (rows: Record<string, unknown>[]): string => JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));

describe('RFM quintiles against plain RANK() windows', () => {
  let big: TestDb;
  beforeAll(async () => {
    big = await openTestDb();
    // Random customers, and ten more with heavy ties: seven with one order, three with two;
    // six bought last on the same day; five spent 50 and five 100 per order.
    const ties: ActivityRow[] = [];
    for (let i = 1; i <= 10; i++) {
      const day = i <= 6 ? '2024-06-01 10:00' : `2024-05-0${i - 5} 10:00`;
      for (let o = 0; o < (i <= 7 ? 1 : 2); o++) ties.push([`t${String(i).padStart(2, '0')}`, o === 0 ? day : '2024-01-15 10:00', i <= 5 ? 50 : 100, `t${i}-${o}`, 'web', 'purchase']);
    }
    loadCanonical(big, [...randomActivity(99, 300), ...ties], '2024-06-30');
  });
  afterAll(() => big.close());

  // score = 1 + ⌊5 · (rank − 1) / n⌋ with RANK() from worst to best, over the scores' own measures.
  const byRank = (scores: Sql): Sql => sql`SELECT customer_id,
    CAST(1 + 5 * (rank() OVER (ORDER BY recency_days DESC) - 1) // count(*) OVER () AS INTEGER) AS r,
    CAST(1 + 5 * (rank() OVER (ORDER BY frequency) - 1) // count(*) OVER () AS INTEGER) AS f,
    CAST(1 + 5 * (rank() OVER (ORDER BY monetary) - 1) // count(*) OVER () AS INTEGER) AS m
  FROM (${scores}) ORDER BY customer_id`;
  const specs = [{}, { windowDays: 90 }, { monetary: 'average' as const }, { windowDays: 400, monetary: 'average' as const }];
  for (const spec of specs) {
    it(`gives every customer the RANK() quintile: ${JSON.stringify(spec)}`, () => {
      const scores = rfmSql(spec).scores;
      const rows = big.query(scores);
      expect(rows.length).toBeGreaterThan(100);
      expect(rows.map((r) => ({ customer_id: r.customer_id, r: r.r, f: r.f, m: r.m }))).toEqual(big.query(byRank(scores)));
    });
  }

  it('leaves the scores above a large tie empty, as the rule says', () => {
    const segment = sql`SELECT customer_id FROM customer_features WHERE customer_id LIKE 't%'`;
    const rows = big.query(rfmSql({}, { segment }).scores);
    // n = 10. Frequency: seven ones share rank 1 (score 1); the twos have rank 8, 1 + ⌊5 · 7 / 10⌋ = 4.
    expect([...new Set(rows.map((r) => r.f))].sort()).toEqual([1, 4]);
    // Recency: t01…t06 tie on the latest day (rank 5 of 10 from the oldest): all score 3.
    expect(rows.filter((r) => String(r.customer_id) <= 't06').map((r) => r.r)).toEqual([3, 3, 3, 3, 3, 3]);
    expect(rows.map((r) => ({ customer_id: r.customer_id, r: r.r, f: r.f, m: r.m }))).toEqual(big.query(byRank(rfmSql({}, { segment }).scores)));
  });

  it('summarises no customers as empty segments and an empty grid', () => {
    const nobody = { segment: sql`SELECT customer_id FROM customer_features WHERE false` };
    big.query(sql`CREATE OR REPLACE TABLE rfm_empty AS ${rfmSql({}, nobody).scores}`);
    for (const q of [rfmSql({}, nobody), rfmSummarySql({}, 'rfm_empty')]) {
      const segments = big.query(q.segments);
      expect(segments.map((r) => r.segment)).toEqual(DEFAULT_RFM_RULES.map((r) => r.name));
      expect(segments[0]).toEqual({
        segment: 'Champions', customers: 0, customer_share: null, revenue: 0, revenue_share: null,
        mean_recency_days: null, mean_frequency: null, mean_monetary: null,
      });
      const grid = big.query(q.grid);
      expect(grid).toHaveLength(25);
      expect(grid.every((r) => r.customers === 0 && r.revenue === 0 && r.customer_share === null)).toBe(true);
    }
  });

  it('summarises the stored scores exactly as the plain queries do', () => {
    big.query(sql`CREATE OR REPLACE TABLE rfm_cell AS ${rfmSql({}).scores}`);
    const stored = rfmSummarySql({}, 'rfm_cell');
    expect(exact(big.query(stored.segments))).toBe(exact(big.query(rfmSql({}).segments)));
    expect(exact(big.query(stored.grid))).toBe(exact(big.query(rfmSql({}).grid)));
  });
});

describe('RFM traits on customer_features', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb();
    loadCanonical(t, randomActivity(5, 120), '2024-06-30');
    // As the data model leaves it: one row per customer in customer_id order, with columns other cells write.
    t.query('CREATE OR REPLACE TABLE customer_features AS SELECT *, hash(customer_id) % 1000 AS p_alive FROM customer_features ORDER BY customer_id');
  });
  afterAll(() => t.close());

  /** Runs the traits statements from a scores table built by `select`, then checks every customer. */
  const run = (select: Sql): void => {
    t.query(sql`CREATE OR REPLACE TABLE rfm_cell AS ${select}`);
    for (const s of rfmTraitsSql('rfm_cell')) t.query(s);
    const wrong = t.query(`SELECT f.customer_id FROM customer_features f LEFT JOIN rfm_cell s USING (customer_id)
      WHERE f.rfm_recency IS DISTINCT FROM s.r OR f.rfm_frequency IS DISTINCT FROM s.f OR f.rfm_monetary IS DISTINCT FROM s.m
        OR f.rfm_score IS DISTINCT FROM 100 * s.r + 10 * s.f + s.m OR f.rfm_segment IS DISTINCT FROM s.segment
        OR f.p_alive IS DISTINCT FROM hash(f.customer_id) % 1000`);
    expect(wrong).toEqual([]);
  };
  const some = (ids: string): Sql => sql`SELECT customer_id FROM customer_features WHERE customer_id SIMILAR TO ${ids}`;

  it('writes the scores of each run, NULL for customers it did not score, and keeps other columns', () => {
    run(rfmSql({}).scores); // first run: nobody has scores yet
    expect(Number(t.query('SELECT count(rfm_score) AS n FROM customer_features')[0].n)).toBeGreaterThan(50);
    run(rfmSql({}).scores); // the same customers again
    run(rfmSql({ monetary: 'average' }).scores); // the same customers, some scores change
    run(rfmSql({}, { segment: some('c0[0-4].*') }).scores); // fewer customers: the others are cleared
    run(rfmSql({}, { segment: some('c0[3-9].*') }).scores); // some gone, some new
    run(rfmSql({ windowDays: 60 }).scores);
    run(rfmSql({}).scores);
  });

  it('does not rely on the scores being in customer order', () => {
    run(sql`SELECT * FROM (${rfmSql({}).scores}) ORDER BY customer_id DESC`);
    run(sql`SELECT * FROM (${rfmSql({}, { segment: some('c0.*') }).scores}) ORDER BY customer_id DESC`);
    run(sql`SELECT * FROM (${rfmSql({}).scores}) ORDER BY revenue, customer_id`);
    run(sql`SELECT * FROM (${rfmSql({}).scores}) WHERE false`);
  });
});
