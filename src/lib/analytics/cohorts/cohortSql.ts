/**
 * Cohort tables in long format, one row per cohort (× channel) × period index k:
 *   cohort DATE, channel VARCHAR (NULL without a breakdown), period_index INTEGER (0 = the
 *   cohort's own period), period_start DATE, cohort_size BIGINT, value DOUBLE, complete BOOLEAN.
 *
 * Every period from the cohort's own up to the one holding the as-of date has a row, zeros
 * included. `complete` is false when the period ends after the as-of date — the latest
 * period of every cohort, unless the as-of date is its last day — so a chart can draw it
 * differently instead of showing a drop. Orders and returns (order_days: per customer and
 * day, an order on the day of its first line) count from the day of the customer's anchoring
 * activity on, up to the as-of date; revenue is purchases plus returns (negative).
 *
 * Only the aggregate the metric needs is computed: revenue sums need no per-customer
 * grouping, which keeps the common metrics fast on millions of orders.
 */
import { ident, sql, type Sql } from '../../sql';
import { CUSTOMER_FEATURES, ORDER_DAYS } from '../../model/relations';
import { periodsAfter, periodsBetween, periodStart } from '../periods';
import { activityUpToAsOf, AS_OF_CTE, PURCHASE, type AnalyticsOptions } from '../scope';
import { parseCohortSpec, type CohortSpec, type CohortSpecInput } from './spec';

const NO_CHANNEL = '(no channel)';

/**
 * CTE `per_period(cohort, channel, period_index, amount)`: the metric's raw quantity per cohort
 * and period, from `facts` (the cohort's purchases and returns with their period index).
 * For "k or later" purchase rates, `amount` counts customers whose LAST purchase is in k,
 * so that summing periods k… counts each customer once.
 */
function perPeriodSql(spec: CohortSpec): Sql {
  switch (spec.metric) {
    case 'purchase_rate':
      return spec.mode === 'in_period'
        ? sql`SELECT cohort, channel, period_index, count(*) AS amount
  FROM (SELECT DISTINCT cohort, channel, customer_id, period_index FROM facts WHERE NOT is_return)
  GROUP BY cohort, channel, period_index`
        : sql`SELECT cohort, channel, period_index, count(*) AS amount
  FROM (SELECT cohort, channel, customer_id, max(period_index) AS period_index FROM facts WHERE NOT is_return GROUP BY cohort, channel, customer_id)
  GROUP BY cohort, channel, period_index`;
    case 'revenue_per_customer':
    case 'cumulative_revenue_per_customer':
      return sql`SELECT cohort, channel, period_index, sum(amount) AS amount FROM facts GROUP BY cohort, channel, period_index`;
    case 'orders':
      // order_days counts each order once, on one day: no distinct count needed.
      return sql`SELECT cohort, channel, period_index, sum(orders) AS amount FROM facts WHERE NOT is_return GROUP BY cohort, channel, period_index`;
  }
}

/** The value of a cell from `amount`: in period k, k or later (a backward running sum), or 0…k. */
function valueSql(spec: CohortSpec): Sql {
  const running = (backward: boolean): Sql =>
    sql`sum(amount) OVER (PARTITION BY cohort, channel ORDER BY period_index${backward ? sql` DESC` : sql``} ROWS UNBOUNDED PRECEDING)`;
  const amount =
    spec.metric === 'cumulative_revenue_per_customer' ? running(false) : spec.mode === 'in_or_after' ? running(true) : sql`amount`;
  return spec.metric === 'orders' ? amount : sql`${amount} / cohort_size`;
}

/** CTE `firsts(customer_id, first_at, channel)`: each customer's anchoring activity. */
function firstsSql(spec: CohortSpec, options: AnalyticsOptions): Sql {
  if (spec.anchor === 'first_purchase' && spec.breakdown === 'none') {
    // customer_features already holds the first purchase up to the as-of date: one pass over activity fewer.
    const segment = options.segment ? sql`\n    AND f.customer_id IN (SELECT customer_id FROM (${options.segment}))` : sql``;
    return sql`SELECT f.customer_id, f.first_order_at AS first_at, CAST(NULL AS VARCHAR) AS channel
  FROM ${ident(CUSTOMER_FEATURES)} f
  WHERE f.first_order_at IS NOT NULL${segment}`;
  }
  const anchor = spec.anchor === 'first_purchase' ? sql`\n    AND a.event = ${PURCHASE}` : sql``;
  // Several activities at the first instant: the first channel by name wins, a missing one last.
  const channel =
    spec.breakdown === 'channel'
      ? sql`coalesce(arg_min_null(a.channel, (a.occurred_at, a.channel IS NULL, coalesce(a.channel, ''))), ${NO_CHANNEL})`
      : sql`CAST(NULL AS VARCHAR)`;
  return sql`SELECT a.customer_id, min(a.occurred_at) AS first_at, ${channel} AS channel
  FROM ${activityUpToAsOf(options)}${anchor}
  GROUP BY a.customer_id`;
}

export function cohortSql(spec: CohortSpecInput = {}, options: AnalyticsOptions = {}): Sql {
  const s = parseCohortSpec(spec);
  const unit = s.period;
  const maxPeriods = s.maxPeriods === null ? sql`` : sql`\nWHERE period_index <= ${s.maxPeriods}`;
  return sql`WITH ${AS_OF_CTE},
firsts AS (
  ${firstsSql(s, options)}
),
members AS (
  SELECT customer_id, first_at, ${periodStart(unit, sql`first_at`)} AS cohort, channel FROM firsts
),
sizes AS (SELECT cohort, channel, count(*) AS cohort_size FROM members GROUP BY cohort, channel),
grid AS (
  SELECT cohort, channel, cohort_size,
    CAST(unnest(generate_series(0, ${periodsBetween(unit, sql`cohort`, periodStart(unit, sql`horizon.as_of`))})) AS INTEGER) AS period_index
  FROM sizes CROSS JOIN horizon
),
-- Joining members narrows the orders to the segment, if any.
facts AS (
  SELECT m.cohort, m.channel, o.customer_id, o.is_return, o.orders, o.amount,
    CAST(${periodsBetween(unit, sql`m.cohort`, periodStart(unit, sql`o.day`))} AS INTEGER) AS period_index
  FROM ${ident(ORDER_DAYS)} o
  JOIN members m ON m.customer_id = o.customer_id AND o.day >= CAST(m.first_at AS DATE)
),
per_period AS (
  ${perPeriodSql(s)}
),
cells AS (
  SELECT g.cohort, g.channel, g.period_index, g.cohort_size, coalesce(p.amount, 0) AS amount
  FROM grid g
  LEFT JOIN per_period p ON p.cohort = g.cohort AND p.channel IS NOT DISTINCT FROM g.channel AND p.period_index = g.period_index
)
SELECT * FROM (
  SELECT cohort, channel, period_index,
    ${periodsAfter(unit, sql`cohort`, sql`period_index`)} AS period_start,
    cohort_size,
    CAST(${valueSql(s)} AS DOUBLE) AS value,
    ${periodsAfter(unit, sql`cohort`, sql`period_index + 1`)} <= CAST(horizon.cutoff AS DATE) AS complete
  FROM cells CROSS JOIN horizon
)${maxPeriods}
ORDER BY cohort, channel, period_index`;
}
