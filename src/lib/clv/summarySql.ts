/**
 * The per-customer summary as DuckDB SQL, built only with src/lib/sql (identifiers and
 * literals are quoted there). Same semantics as `summarize`: purchases merged per calendar
 * day, x = repeat days, t_x and T from the first day in the chosen unit, m = mean spend of
 * repeat days; with a holdout end, also x_holdout, m_holdout and duration_holdout.
 * Output columns: customer_id, x, t_x, T, m [, x_holdout, m_holdout, duration_holdout].
 */
import { ident, qualified, sql, type Sql } from '../sql';
import { isoDay, periodDays, unitDays, type SummaryOptions } from './summaryOptions';

export interface SummarySqlOptions extends SummaryOptions {
  /** Table or view to read: a name, or [schema, name]. */
  readonly table: string | readonly string[];
  /** Column names in that table (defaults: customer_id, occurred_at, amount). */
  readonly columns?: { readonly customerId?: string; readonly occurredAt?: string; readonly amount?: string };
}

export function summarySql(o: SummarySqlOptions): Sql {
  const { calEnd, holdEnd } = periodDays(o);
  const table = typeof o.table === 'string' ? ident(o.table) : qualified(...o.table);
  const cid = ident(o.columns?.customerId ?? 'customer_id');
  const occ = ident(o.columns?.occurredAt ?? 'occurred_at');
  const amt = ident(o.columns?.amount ?? 'amount');
  const cal = sql`CAST(${isoDay(calEnd)} AS DATE)`;
  const last = holdEnd === null ? cal : sql`CAST(${isoDay(holdEnd)} AS DATE)`;
  const unit = sql`CAST(${unitDays(o.unit)} AS DOUBLE)`;
  const T = ident('T');

  const common = sql`WITH daily AS (
  SELECT ${cid} AS customer_id, CAST(${occ} AS DATE) AS day, SUM(${amt}) AS amount
  FROM ${table}
  WHERE ${cid} IS NOT NULL AND ${occ} IS NOT NULL AND CAST(${occ} AS DATE) <= ${last}
  GROUP BY 1, 2
),
calibration_days AS (
  SELECT customer_id, day, amount, MIN(day) OVER (PARTITION BY customer_id) AS first_day
  FROM daily
  WHERE day <= ${cal}
),
calibration AS (
  SELECT customer_id,
    COUNT(*) - 1 AS x,
    date_diff('day', MIN(day), MAX(day)) / ${unit} AS t_x,
    date_diff('day', MIN(day), ${cal}) / ${unit} AS ${T},
    COALESCE(AVG(amount) FILTER (WHERE day > first_day), 0) AS m
  FROM calibration_days
  GROUP BY customer_id
)`;
  if (holdEnd === null) {
    return sql`${common}
SELECT customer_id, x, t_x, ${T}, m
FROM calibration
ORDER BY customer_id`;
  }
  return sql`${common},
holdout AS (
  SELECT customer_id, COUNT(*) AS x_holdout, AVG(amount) AS m_holdout
  FROM daily
  WHERE day > ${cal}
  GROUP BY customer_id
)
SELECT c.customer_id, c.x, c.t_x, c.${T}, c.m,
  COALESCE(h.x_holdout, 0) AS x_holdout,
  COALESCE(h.m_holdout, 0) AS m_holdout,
  date_diff('day', ${cal}, ${last}) / ${unit} AS duration_holdout
FROM calibration c LEFT JOIN holdout h ON h.customer_id = c.customer_id
ORDER BY c.customer_id`;
}
