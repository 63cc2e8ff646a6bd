/**
 * order_days: the orders and returns of each customer per day, up to the as-of date —
 * order_days(customer_id, day DATE, is_return BOOLEAN, orders INTEGER, amount DOUBLE).
 * A TABLE, built once with the model: customer_features, cohorts, the lifecycle flow, RFM
 * windows and lifetime value all count orders or purchase days, and grouping millions of
 * order lines into orders is the costly part of each.
 *
 * - An order is a distinct order_id among a customer's purchases, or their purchase day when
 *   the export has no order id (CDNOW: one row per customer-day); returns are grouped the
 *   same way (a returned three-line order is one return).
 * - An order belongs to the day of its first line; amount sums its lines (returns negative,
 *   as in activity; NULL when no line has an amount).
 * - Activity after the end of the as-of day is left out.
 */
import { ident, sql, type Sql } from '../sql';
import { ACTIVITY, AS_OF_DATE, ORDER_DAYS } from './relations';

export function createOrderDaysSql(): Sql {
  return sql`CREATE OR REPLACE TABLE ${ident(ORDER_DAYS)} AS
SELECT customer_id, CAST(ordered_at AS DATE) AS day, is_return, CAST(count(*) AS INTEGER) AS orders, sum(amount) AS amount
FROM (
  SELECT a.customer_id, min(a.occurred_at) AS ordered_at, sum(a.amount) AS amount, a.event = 'return' AS is_return
  FROM ${ident(ACTIVITY)} a
  WHERE a.occurred_at < (SELECT as_of + INTERVAL 1 DAY FROM ${ident(AS_OF_DATE)}) AND a.event IN ('purchase', 'return')
  GROUP BY a.customer_id, a.event, coalesce(a.order_id, strftime(a.occurred_at, '%Y-%m-%d'))
)
GROUP BY ALL`;
}
