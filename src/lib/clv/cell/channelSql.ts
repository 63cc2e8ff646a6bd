/**
 * Predicted CLV by acquisition channel (the channel of each customer's first purchase),
 * read from a lifetime-value cell's per-customer table and the activity view. Asked for on
 * demand: it reads the purchases once more, which the fit itself does not need.
 */
import { ident, sql, type Sql } from '../../sql';

export function clvByChannelSql(o: { readonly relation: string; readonly asOf: string }): Sql {
  return sql`SELECT coalesce(f.channel, '(no channel)') AS cohort,
  CAST(count(*) AS DOUBLE) AS customers,
  coalesce(sum(c.predicted_clv), 0) AS total_clv,
  coalesce(avg(c.predicted_clv), 0) AS mean_clv
FROM ${ident(o.relation)} c JOIN (
  SELECT customer_id, arg_min(channel, occurred_at) AS channel
  FROM ${ident('activity')}
  WHERE event = 'purchase' AND occurred_at < CAST(${o.asOf} AS DATE) + INTERVAL 1 DAY
  GROUP BY customer_id
) f ON f.customer_id = c.customer_id
GROUP BY 1
ORDER BY mean_clv DESC, cohort`;
}
