/**
 * What every analysis reads: the canonical relations of the data model, cut at the as-of
 * date (the whole as-of day counts; later activity is left out, never "today"), optionally
 * narrowed to a segment.
 */
import { ident, sql, type Sql } from '../sql';
import { ACTIVITY, AS_OF_DATE } from '../model/relations';

export const PURCHASE = 'purchase';

export interface AnalyticsOptions {
  /**
   * A segment filter: a subquery returning a `customer_id` column (from the segment
   * compiler). Only those customers are analysed.
   */
  readonly segment?: Sql;
}

/**
 * CTE `horizon(as_of DATE, cutoff TIMESTAMP)`: activity strictly before `cutoff`, the end of
 * the as-of day, counts. (Not named `asof`: that is a keyword, as in ASOF JOIN.)
 */
export const AS_OF_CTE: Sql = sql`horizon AS (SELECT as_of, as_of + INTERVAL 1 DAY AS cutoff FROM ${ident(AS_OF_DATE)})`;

/**
 * The activity relation, aliased `a`, with rows after the as-of date left out. The cutoff is
 * a scalar subquery, not a join, so the engine filters the scan with a constant.
 */
export function activityUpToAsOf(options: AnalyticsOptions): Sql {
  const segment = options.segment ? sql`\n  AND a.customer_id IN (SELECT customer_id FROM (${options.segment}))` : sql``;
  return sql`${ident(ACTIVITY)} a
WHERE a.occurred_at < (SELECT cutoff FROM horizon)${segment}`;
}
