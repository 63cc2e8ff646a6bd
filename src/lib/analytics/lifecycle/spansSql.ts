/**
 * Lifecycle stages as spans: CTEs ending in
 *   spans(customer_id, first_i, stage, from_i, to_i, previous_stage, customers)
 * — the customer is in `stage` in every period numbered from_i … to_i (inclusive), and was
 * in `previous_stage` the period before from_i (NULL before their first purchase);
 * customers is 1 — and
 *   bounds(first_i, last_i, as_of): the periods shown, by number.
 * With `grouped`, spans has no customer_id: equal spans of different customers are one row
 * and `customers` counts them — what the counting queries need, ~20× fewer rows.
 * Purchase days come from order_days (an order on the day of its first line).
 * The rules are in stages.ts.
 *
 * Why spans: a stage only changes at a purchase or when a threshold passes, so each period
 * with a purchase yields at most four spans — the purchase period itself (new, returning or
 * active), then active, at risk and lapsed until the next purchase period. Counting spans
 * per period costs one sort of the purchase periods, instead of a row per customer per
 * period (tens of millions on a large export).
 */
import { ident, join, sql, type Sql } from '../../sql';
import { ORDER_DAYS } from '../../model/relations';
import { periodNumber } from '../periods';
import { AS_OF_CTE, type AnalyticsOptions } from '../scope';
import type { LifecycleSpec } from './spec';
import { LIFECYCLE_STAGES } from './stages';

/** The stages as a list literal, in lifecycle order (for sorting and for zero rows). */
export const STAGE_LIST: Sql = sql`[${join(LIFECYCLE_STAGES.map((s) => sql`${s}`))}]`;

export function lifecycleCtes(spec: LifecycleSpec, options: AnalyticsOptions, grouped = false): Sql {
  const u = spec.period;
  const num = (day: Sql): Sql => periodNumber(u, day);
  /** The first period whose end is `days` or more after `day`: from then on the threshold is passed. */
  const reach = (days: number): Sql =>
    sql`CASE WHEN day + ${days} <= b.as_of THEN ${num(sql`day + ${days}`)} ELSE b.last_i + 1 END`;
  /** Stage in a purchase period q, from the purchase period before it (q1, lapsed from period l1 on). */
  const bought = (q: Sql, q1: Sql, l1: Sql): Sql =>
    sql`CASE WHEN ${q1} IS NULL THEN 'new' WHEN ${q} - 1 > ${q1} AND ${q} - 1 >= ${l1} THEN 'returning' ELSE 'active' END`;
  const firstShown = spec.periods === null ? sql`first_i` : sql`greatest(first_i, last_i - ${spec.periods - 1})`;
  const activeEnd = sql`least(at_risk_i, stop) - 1`;
  const atRiskStart = sql`greatest(at_risk_i, q + 1)`;
  const atRiskEnd = sql`least(lapsed_i, stop) - 1`;
  const segment = options.segment ? sql`\n    AND o.customer_id IN (SELECT customer_id FROM (${options.segment}))` : sql``;
  // Grouped: one row per distinct mark, weighted; otherwise one per customer and purchase period.
  const who = grouped ? sql`` : sql`customer_id, `;
  const marks = grouped
    ? sql`mark_groups AS (
  SELECT q, stop, first_i, at_risk_i, lapsed_i, bought_stage, before_stage, count(*) AS customers FROM marks GROUP BY ALL
)`
    : sql`mark_groups AS (SELECT *, 1 AS customers FROM marks)`;
  return sql`WITH ${AS_OF_CTE},
purchases AS (
  SELECT o.customer_id, o.day
  FROM ${ident(ORDER_DAYS)} o
  WHERE NOT o.is_return${segment}
),
bounds AS (
  SELECT ${firstShown} AS first_i, last_i, as_of
  FROM (
    SELECT ${num(sql`min(p.day)`)} AS first_i, ${num(sql`horizon.as_of`)} AS last_i, horizon.as_of
    FROM purchases p CROSS JOIN horizon GROUP BY horizon.as_of
  )
),
buying AS (
  SELECT customer_id, q, b.first_i, b.last_i, ${reach(spec.atRiskDays)} AS at_risk_i, ${reach(spec.lapsedDays)} AS lapsed_i
  FROM (SELECT customer_id, ${num(sql`day`)} AS q, max(day) AS day FROM purchases GROUP BY ALL) CROSS JOIN bounds b
),
sequenced AS (
  SELECT *,
    lag(q) OVER w AS q1, lag(at_risk_i) OVER w AS a1, lag(lapsed_i) OVER w AS l1,
    lag(q, 2) OVER w AS q2, lag(lapsed_i, 2) OVER w AS l2,
    coalesce(lead(q) OVER w, last_i + 1) AS stop
  FROM buying
  WINDOW w AS (PARTITION BY customer_id ORDER BY q)
),
marks AS (
  SELECT customer_id, q, stop, first_i, at_risk_i, lapsed_i,
    ${bought(sql`q`, sql`q1`, sql`l1`)} AS bought_stage,
    CASE WHEN q1 IS NULL THEN NULL
      WHEN q - 1 = q1 THEN ${bought(sql`q1`, sql`q2`, sql`l2`)}
      WHEN q - 1 >= l1 THEN 'lapsed'
      WHEN q - 1 >= a1 THEN 'at_risk'
      ELSE 'active' END AS before_stage
  FROM sequenced
  WHERE stop > first_i
),
${marks},
spans AS (
  SELECT ${who}first_i, bought_stage AS stage, q AS from_i, q AS to_i, before_stage AS previous_stage, customers FROM mark_groups
  UNION ALL
  SELECT ${who}first_i, 'active', q + 1, ${activeEnd}, bought_stage, customers FROM mark_groups WHERE q + 1 <= ${activeEnd}
  UNION ALL
  SELECT ${who}first_i, 'at_risk', ${atRiskStart}, ${atRiskEnd}, CASE WHEN q + 1 <= ${activeEnd} THEN 'active' ELSE bought_stage END, customers
  FROM mark_groups WHERE ${atRiskStart} <= ${atRiskEnd}
  UNION ALL
  SELECT ${who}first_i, 'lapsed', greatest(lapsed_i, q + 1), stop - 1,
    CASE WHEN ${atRiskStart} <= ${atRiskEnd} THEN 'at_risk' WHEN q + 1 <= ${activeEnd} THEN 'active' ELSE bought_stage END, customers
  FROM mark_groups WHERE greatest(lapsed_i, q + 1) <= stop - 1
)`;
}
