/**
 * The RFM queries: per-customer scores, the per-segment table, the R × FM grid, and the
 * customers of one segment or grid cell (to make a segment).
 */
import { ident, join, sql, type Sql } from '../../sql';
import { AnalyticsError } from '../errors';
import type { AnalyticsOptions } from '../scope';
import { rfmCtes, segmentCaseSql } from './scoresSql';
import { parseRfmSpec, type RfmSpec, type RfmSpecInput } from './spec';

export interface RfmQueries {
  /**
   * One row per scored customer: customer_id, recency_days, frequency, monetary, revenue,
   * r, f, m, fm (INTEGER 1–5), segment. Ordered by customer_id.
   */
  readonly scores: Sql;
  /**
   * One row per segment rule, in rule order, empty segments included: segment, customers,
   * customer_share, revenue, revenue_share (of the net revenue of all scored customers; NULL
   * when that is 0), mean_recency_days, mean_frequency, mean_monetary (NULL when empty).
   */
  readonly segments: Sql;
  /**
   * The R × FM grid: all 25 cells (more when rules split a cell on F or M), with r, fm,
   * segment, customers, revenue, customer_share, revenue_share. Empty cells have 0 customers.
   */
  readonly grid: Sql;
}

export function rfmSql(spec: RfmSpecInput = {}, options: AnalyticsOptions = {}): RfmQueries {
  const s = parseRfmSpec(spec);
  const ctes = rfmCtes(s, options);
  return {
    scores: sql`${ctes}
SELECT * FROM scored ORDER BY customer_id`,
    ...summaries(s, ctes),
  };
}

/**
 * The segment table and the grid from scores already computed — a relation with the columns
 * of the `scores` query, e.g. the RFM cell's own table — so a cell scores its customers once.
 */
export function rfmSummarySql(spec: RfmSpecInput, scoredRelation: string): Pick<RfmQueries, 'segments' | 'grid'> {
  return summaries(parseRfmSpec(spec), sql`WITH scored AS (SELECT * FROM ${ident(scoredRelation)})`);
}

/**
 * The segments and grid queries after `ctes`, a WITH clause ending with CTE `scored`. Each reads
 * `scored` once: one GROUP BY with GROUPING SETS gives the groups and the totals (the engine
 * would copy a CTE read twice into a temporary table, every customer's row), and only the few
 * group rows are then joined to the list of segments or cells.
 */
function summaries(s: RfmSpec, ctes: Sql): Pick<RfmQueries, 'segments' | 'grid'> {
  const names = join(s.segments.map((rule, i) => sql`(${rule.name}, ${i + 1})`));
  return {
    segments: sql`${ctes},
names(segment, ordinal) AS (VALUES ${names}),
groups AS (
  SELECT segment, GROUPING(segment) AS total, count(*) AS n, count(customer_id) AS customers, sum(revenue) AS revenue,
    avg(recency_days) AS mean_recency_days, avg(frequency) AS mean_frequency, avg(monetary) AS mean_monetary
  FROM scored
  GROUP BY GROUPING SETS ((segment), ())
)
SELECT s.segment,
  coalesce(c.customers, 0) AS customers,
  coalesce(c.customers, 0) / nullif(t.n, 0) AS customer_share,
  coalesce(c.revenue, 0) AS revenue,
  coalesce(c.revenue, 0) / nullif(t.revenue, 0) AS revenue_share,
  c.mean_recency_days, c.mean_frequency, c.mean_monetary
FROM names s
CROSS JOIN (SELECT n, revenue FROM groups WHERE total = 1) t
LEFT JOIN (SELECT * FROM groups WHERE total = 0) c ON c.segment = s.segment
ORDER BY s.ordinal`,
    grid: sql`${ctes},
cells AS (
  SELECT *, ${segmentCaseSql(s.segments)} AS segment
  FROM (
    SELECT CAST(r AS INTEGER) AS r, CAST(f AS INTEGER) AS f, CAST(m AS INTEGER) AS m, CAST((f + m + 1) // 2 AS INTEGER) AS fm
    FROM range(1, 6) rr(r) CROSS JOIN range(1, 6) ff(f) CROSS JOIN range(1, 6) mm(m)
  )
),
groups AS (
  SELECT r, f, m, GROUPING(r, f, m) AS total, count(*) AS customers, sum(revenue) AS revenue
  FROM scored
  GROUP BY GROUPING SETS ((r, f, m), ())
),
counts AS (SELECT r, f, m, customers, revenue FROM groups WHERE total = 0),
totals AS (SELECT customers, revenue FROM groups WHERE total <> 0)
SELECT cells.r, cells.fm, cells.segment,
  CAST(coalesce(sum(counts.customers), 0) AS BIGINT) AS customers,
  coalesce(sum(counts.revenue), 0) AS revenue,
  coalesce(sum(counts.customers), 0) / nullif(any_value(totals.customers), 0) AS customer_share,
  coalesce(sum(counts.revenue), 0) / nullif(any_value(totals.revenue), 0) AS revenue_share
FROM cells CROSS JOIN totals LEFT JOIN counts ON counts.r = cells.r AND counts.f = cells.f AND counts.m = cells.m
GROUP BY cells.r, cells.fm, cells.segment
ORDER BY cells.r DESC, cells.fm, cells.segment`,
  };
}

/** Who to put in a segment: the customers of a named RFM segment, or of one R × FM cell. */
export type RfmSelection = { readonly segment: string } | { readonly r: number; readonly fm: number };

/** customer_id of every customer in the selection, ordered. */
export function rfmCustomersSql(spec: RfmSpecInput, selection: RfmSelection, options: AnalyticsOptions = {}): Sql {
  const s = parseRfmSpec(spec);
  let where: Sql;
  if ('segment' in selection) {
    if (!s.segments.some((rule) => rule.name === selection.segment)) {
      throw new AnalyticsError(`There is no RFM segment named "${selection.segment}".`, 'Pick one of the segments in the RFM rules.');
    }
    where = sql`segment = ${selection.segment}`;
  } else {
    const ok = [selection.r, selection.fm].every((v) => Number.isInteger(v) && v >= 1 && v <= 5);
    if (!ok) throw new AnalyticsError('An R × FM cell needs scores from 1 to 5.', 'Pick a cell of the grid.');
    where = sql`r = ${selection.r} AND fm = ${selection.fm}`;
  }
  return sql`${rfmCtes(s, options)}
SELECT customer_id FROM scored WHERE ${where} ORDER BY customer_id`;
}
