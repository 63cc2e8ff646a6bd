/**
 * Per-customer RFM scores, as CTEs shared by every RFM query.
 *
 * Measures, over the window ending with the as-of date (purchases and returns only):
 * - recency_days: days from the last purchase to the as-of date (0 = bought on the as-of day);
 * - frequency: orders (distinct order ids, or purchase days without one);
 * - revenue: net revenue, returns subtracted, rounded to cents (so equal spends tie exactly
 *   whatever order the engine summed them in);
 * - monetary: revenue ('total') or revenue per order ('average'), rounded to cents.
 * Customers with no purchase in the window are not scored.
 *
 * Scores 1–5 by quintile, rank-based so EQUAL VALUES ALWAYS GET EQUAL SCORES (the "same score
 * for ties" rule of SPSS's RFM analysis): with n customers ranked from worst to best by
 * RANK() (ties share the lowest rank of their group: 1 + the number of customers with a
 * strictly worse value),
 *     score = 1 + ⌊5 · (rank − 1) / n⌋.
 * Without ties this splits customers into five equal groups; a tie group gets the score of
 * the quintile where it starts, so a large tie (e.g. most customers with one order) can
 * leave the scores above it partly or wholly empty. NTILE was rejected: it splits equal
 * customers across scores by an arbitrary tie-breaker such as the customer id.
 */
import { ident, join, sql, type Sql } from '../../sql';
import { CUSTOMER_FEATURES, ORDER_DAYS } from '../../model/relations';
import { AS_OF_CTE, type AnalyticsOptions } from '../scope';
import { SCORE_FIELDS, type RfmRule } from './rules';
import type { RfmSpec } from './spec';

/**
 * CTE `name(s2, s3, s4, s5)`, one row: per score k, the worst value scoring k or more (NULL
 * when no customer does). A score depends only on the value and never falls as the value gets
 * better, so it is ≥ k exactly when the value is at least as good as s_k: only the distinct
 * values are ranked (a count per value and a running sum), and each customer is scored with
 * comparisons against this one row — no join back per value, no sort of every customer.
 */
function cutsCte(name: string, column: Sql, lowerIsBetter: boolean): Sql {
  const worstFirst = lowerIsBetter ? sql`value DESC` : sql`value`;
  // 1 + ⌊5 · (rank − 1) / n⌋, where rank − 1 counts the customers with a strictly worse value.
  const score = sql`1 + 5 * (sum(customers) OVER (ORDER BY ${worstFirst} ROWS UNBOUNDED PRECEDING) - customers) // sum(customers) OVER ()`;
  const worst = lowerIsBetter ? sql`max` : sql`min`;
  const cuts = [2, 3, 4, 5].map((k) => sql`${worst}(value) FILTER (WHERE score >= ${k}) AS ${ident(`s${k}`)}`);
  return sql`${ident(name)} AS (
  SELECT ${join(cuts)}
  FROM (
    SELECT value, ${score} AS score
    FROM (SELECT ${column} AS value, count(*) AS customers FROM measured GROUP BY ${column})
  )
)`;
}

/** The score 1–5 (INTEGER) of `value` from the cuts of CTE `cuts` (see cutsCte). */
function scoreSql(value: Sql, cuts: string, lowerIsBetter: boolean): Sql {
  const atLeastAsGood = lowerIsBetter ? sql`<=` : sql`>=`;
  const branches = [5, 4, 3, 2].map((k) => sql`WHEN ${value} ${atLeastAsGood} ${ident(cuts)}.${ident(`s${k}`)} THEN ${k}`);
  return sql`CASE ${join(branches, ' ')} ELSE 1 END`;
}

/** CASE naming the first matching rule's segment, over columns r, f, m, fm. */
export function segmentCaseSql(rules: readonly RfmRule[]): Sql {
  const branches = rules.map((rule) => {
    const tests = SCORE_FIELDS.flatMap((k) => {
      const span = rule[k];
      return span ? [sql`${ident(k)} BETWEEN ${span[0]} AND ${span[1]}`] : [];
    });
    return sql`WHEN ${tests.length > 0 ? join(tests, ' AND ') : sql`TRUE`} THEN ${rule.name}`;
  });
  return sql`CASE ${join(branches, ' ')} END`;
}

/**
 * Body of CTE `measures(customer_id, last_order_at, frequency, revenue)`. Over all history
 * these are customer_features' own columns (built by the data model with the same order and
 * revenue rules, up to the as-of date), so no pass over activity is needed — the costly part
 * on millions of order lines. A window needs activity.
 */
function measuresSql(spec: RfmSpec, options: AnalyticsOptions): Sql {
  if (spec.windowDays === null) {
    const segment = options.segment ? sql`\n    AND f.customer_id IN (SELECT customer_id FROM (${options.segment}))` : sql``;
    return sql`SELECT f.customer_id, f.last_order_at, CAST(f.orders AS BIGINT) AS frequency, round(coalesce(f.revenue, 0), 2) AS revenue
  FROM ${ident(CUSTOMER_FEATURES)} f
  WHERE f.orders > 0${segment}`;
  }
  // A window reads order_days (orders per customer and day): the orders are already counted.
  // last_order_at is then the last order's day, all recency needs.
  const segment = options.segment ? sql`\n    AND o.customer_id IN (SELECT customer_id FROM (${options.segment}))` : sql``;
  return sql`SELECT o.customer_id,
    max(o.day) FILTER (WHERE NOT o.is_return) AS last_order_at,
    CAST(coalesce(sum(o.orders) FILTER (WHERE NOT o.is_return), 0) AS BIGINT) AS frequency,
    round(coalesce(sum(o.amount), 0), 2) AS revenue
  FROM ${ident(ORDER_DAYS)} o
  WHERE o.day >= (SELECT cutoff FROM horizon) - INTERVAL (${spec.windowDays}) DAY${segment}
  GROUP BY o.customer_id
  HAVING count(*) FILTER (WHERE NOT o.is_return) > 0`;
}

/** `WITH …, scored AS (…)`: one row per scored customer, for a query to select from. */
export function rfmCtes(spec: RfmSpec, options: AnalyticsOptions): Sql {
  const monetary = spec.monetary === 'total' ? sql`revenue` : sql`round(revenue / frequency, 2)`;
  return sql`WITH ${AS_OF_CTE},
measures AS (
  ${measuresSql(spec, options)}
),
measured AS (
  SELECT customer_id, date_diff('day', CAST(last_order_at AS DATE), (SELECT as_of FROM horizon)) AS recency_days,
    frequency, ${monetary} AS monetary, revenue
  FROM measures
),
${cutsCte('recency_cuts', sql`recency_days`, true)},
${cutsCte('frequency_cuts', sql`frequency`, false)},
${cutsCte('monetary_cuts', sql`monetary`, false)},
scores AS (
  SELECT m.customer_id, m.recency_days, m.frequency, m.monetary, m.revenue,
    ${scoreSql(sql`m.recency_days`, 'recency_cuts', true)} AS r,
    ${scoreSql(sql`m.frequency`, 'frequency_cuts', false)} AS f,
    ${scoreSql(sql`m.monetary`, 'monetary_cuts', false)} AS m
  FROM measured m CROSS JOIN recency_cuts CROSS JOIN frequency_cuts CROSS JOIN monetary_cuts
),
scored AS (
  SELECT customer_id, recency_days, frequency, monetary, revenue, r, f, m, fm,
    ${segmentCaseSql(spec.segments)} AS segment
  FROM (SELECT *, CAST((f + m + 1) // 2 AS INTEGER) AS fm FROM scores)
)`;
}
