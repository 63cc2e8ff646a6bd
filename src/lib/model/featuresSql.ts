/**
 * customer_features: one row per customer, as of the as-of date. It is a TABLE, not a view:
 * every segment edit, RFM score and chart reads it, and recomputing a GROUP BY over all
 * activity each time would make the segment builder lag on large exports. It is rebuilt by
 * modelSql whenever the mapping or the as-of date changes.
 *
 * - Orders, returns and their amounts come from order_days (orderDaysSql.ts: an order is a
 *   distinct order_id among purchases, or a purchase day without one); return_amount is
 *   positive.
 * - revenue is net of returns; average_order_value = revenue / orders.
 * - Activity after the as-of date is left out; so are customers first seen after it.
 */
import { ident, join, sql, type Sql } from '../sql';
import type { DataModel } from './datamodel';
import { customerAttributes } from './attributes';
import { customerRowsSql, type SeenActivity } from './customersSql';
import { ACTIVITY, AS_OF_DATE, CUSTOMER_FEATURES, ORDER_DAYS } from './relations';

/**
 * Per customer: one pass over activity for what spans every kind of activity, and one over
 * order_days for the orders (no distinct counts over order lines: the costly part on
 * millions of rows). first_activity_at spans all activity so first_seen matches the
 * customers view; every other feature counts only activity up to the end of the as-of date.
 */
const FEATURE_AGGREGATES: SeenActivity = {
  body: sql`SELECT s.customer_id, s.first_activity_at,
    s.first_order_at, s.last_order_at, s.last_activity_at, o.orders, o.revenue, o.returns, o.return_amount, s.channels, s.events
  FROM (
    SELECT a.customer_id,
      min(a.occurred_at) AS first_activity_at,
      max(a.occurred_at) FILTER (WHERE a.occurred_at < w.cutoff) AS last_activity_at,
      min(a.occurred_at) FILTER (WHERE a.occurred_at < w.cutoff AND a.event = 'purchase') AS first_order_at,
      max(a.occurred_at) FILTER (WHERE a.occurred_at < w.cutoff AND a.event = 'purchase') AS last_order_at,
      -- histogram's keys: the distinct channels, about twice as fast as list(DISTINCT …) here.
      list_sort(map_keys(histogram(a.channel) FILTER (WHERE a.occurred_at < w.cutoff AND a.channel IS NOT NULL))) AS channels,
      count(*) FILTER (WHERE a.occurred_at < w.cutoff) AS events
    FROM ${ident(ACTIVITY)} a CROSS JOIN (SELECT as_of + INTERVAL 1 DAY AS cutoff FROM ${ident(AS_OF_DATE)}) w
    GROUP BY a.customer_id
  ) s LEFT JOIN (
    SELECT customer_id,
      CAST(sum(orders) FILTER (WHERE NOT is_return) AS BIGINT) AS orders,
      sum(amount) AS revenue,
      CAST(sum(orders) FILTER (WHERE is_return) AS BIGINT) AS returns,
      -sum(amount) FILTER (WHERE is_return) AS return_amount
    FROM ${ident(ORDER_DAYS)}
    GROUP BY customer_id
  ) o ON o.customer_id = s.customer_id`,
  columns: ['first_order_at', 'last_order_at', 'last_activity_at', 'orders', 'revenue', 'returns', 'return_amount', 'channels', 'events'],
};

export function createCustomerFeaturesSql(model: DataModel): Sql {
  const attributes = customerAttributes(model).map((a) => sql`,\n  c.${ident(a.name)}`);
  return sql`CREATE OR REPLACE TABLE ${ident(CUSTOMER_FEATURES)} AS
SELECT c.customer_id,
  c.first_seen,
  c.first_order_at,
  c.last_order_at,
  c.last_activity_at,
  coalesce(c.orders, 0) AS orders,
  coalesce(c.revenue, 0) AS revenue,
  CASE WHEN c.orders > 0 THEN coalesce(c.revenue, 0) / c.orders END AS average_order_value,
  date_diff('day', CAST(c.last_order_at AS DATE), d.as_of) AS days_since_last_order,
  date_diff('day', CAST(c.first_seen AS DATE), d.as_of) AS tenure_days,
  coalesce(c.channels, []::VARCHAR[]) AS channels,
  len(coalesce(c.channels, []::VARCHAR[])) AS channel_count,
  coalesce(c.returns, 0) AS returns,
  coalesce(c.return_amount, 0) AS return_amount,
  coalesce(c.events, 0) AS events,
  -- RFM scores, written by an RFM cell's run; NULL until then, so segments may name them.
  CAST(NULL AS INTEGER) AS rfm_recency,
  CAST(NULL AS INTEGER) AS rfm_frequency,
  CAST(NULL AS INTEGER) AS rfm_monetary,
  CAST(NULL AS INTEGER) AS rfm_score,
  CAST(NULL AS VARCHAR) AS rfm_segment,
  -- Lifetime value, written by a lifetime value cell's run; NULL until then.
  CAST(NULL AS DOUBLE) AS p_alive,
  CAST(NULL AS DOUBLE) AS expected_purchases,
  CAST(NULL AS DOUBLE) AS predicted_clv${join(attributes, '')}
FROM (${customerRowsSql(model, FEATURE_AGGREGATES)}) c CROSS JOIN ${ident(AS_OF_DATE)} d
WHERE c.first_seen IS NULL OR c.first_seen < d.as_of + INTERVAL 1 DAY
ORDER BY c.customer_id`;
}
