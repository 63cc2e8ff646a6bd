/**
 * Lifecycle queries: stage counts per period, transitions, and the customers of one
 * transition. Counts come from the spans (spansSql.ts) by difference arrays: +1 where a
 * span enters the shown periods, −1 after it ends, summed along the periods.
 */
import { ident, sql, type Sql } from '../../sql';
import { isIsoDate } from '../../model/asOf';
import { AnalyticsError } from '../errors';
import { periodNumber, periodOfNumber } from '../periods';
import type { AnalyticsOptions } from '../scope';
import { parseLifecycleSpec, type LifecycleSpec, type LifecycleSpecInput } from './spec';
import { LIFECYCLE_STAGES, type LifecycleStage } from './stages';
import { lifecycleCtes, STAGE_LIST } from './spansSql';

export interface LifecycleQueries {
  /**
   * Every shown period × stage, zeros included: period DATE (its first day), stage,
   * customers, complete (false for a period that ends after the as-of date).
   */
  readonly stages: Sql;
  /**
   * Moves between consecutive periods, counted in the later one: period, from_stage (NULL
   * for customers new in it), to_stage, customers, complete. Staying in a stage is a
   * transition too (active → active).
   */
  readonly transitions: Sql;
  /**
   * Both in one query, so the spans are computed once (what a cell runs): part ('stage' or
   * 'transition'), period, from_stage (NULL for stage rows), to_stage (the stage), customers,
   * complete — the stage rows first, each part in its own query's order.
   */
  readonly both: Sql;
}

/** CTEs `shown(i, period, complete)` and `cells(i, stage)`: the shown periods, and each × stage. */
function shownCtes(spec: LifecycleSpec): Sql {
  const u = spec.period;
  return sql`shown AS (
  SELECT i, ${periodOfNumber(u, sql`i`)} AS period, ${periodOfNumber(u, sql`i + 1`)} <= CAST(horizon.cutoff AS DATE) AS complete
  FROM (SELECT CAST(unnest(generate_series(first_i, last_i)) AS BIGINT) AS i FROM bounds) CROSS JOIN horizon
),
cells AS (SELECT i, unnest(${STAGE_LIST}) AS stage FROM shown)`;
}

/** CTE `name(i, stage, customers)`: customers per shown period in spans' periods `from`…`to`. */
function spanCountsCte(name: string, from: Sql, to: Sql): Sql {
  const start = sql`greatest(${from}, first_i)`;
  return sql`${ident(name)} AS (
  SELECT c.i, c.stage, CAST(sum(coalesce(d.delta, 0)) OVER (PARTITION BY c.stage ORDER BY c.i) AS BIGINT) AS customers
  FROM cells c LEFT JOIN (
    SELECT stage, i, sum(delta) AS delta
    FROM (
      SELECT stage, ${start} AS i, sum(customers) AS delta FROM spans WHERE ${start} <= ${to} GROUP BY ALL
      UNION ALL
      SELECT stage, ${to} + 1, -sum(customers) FROM spans WHERE ${start} <= ${to} GROUP BY ALL
    )
    GROUP BY stage, i
  ) d ON d.i = c.i AND d.stage = c.stage
)`;
}

export function lifecycleSql(spec: LifecycleSpecInput = {}, options: AnalyticsOptions = {}): LifecycleQueries {
  const s = parseLifecycleSpec(spec);
  const ctes = sql`${lifecycleCtes(s, options, true)},
${shownCtes(s)},
${spanCountsCte('stage_counts', sql`from_i`, sql`to_i`)},
${spanCountsCte('stay_counts', sql`from_i + 1`, sql`to_i`)},
moves AS (
  SELECT s.from_i AS i, s.previous_stage AS from_stage, s.stage AS to_stage, sum(s.customers) AS customers
  FROM spans s WHERE s.from_i >= s.first_i
  GROUP BY ALL
  UNION ALL
  SELECT i, stage, stage, customers FROM stay_counts WHERE customers > 0
)`;
  const stages = sql`SELECT p.period, c.stage, c.customers, p.complete
FROM stage_counts c JOIN shown p ON p.i = c.i`;
  const transitions = sql`SELECT p.period, m.from_stage, m.to_stage, CAST(sum(m.customers) AS BIGINT) AS customers, p.complete
FROM moves m JOIN shown p ON p.i = m.i
GROUP BY p.period, m.from_stage, m.to_stage, p.complete`;
  const stageOrder = sql`p.period, list_position(${STAGE_LIST}, c.stage)`;
  const moveOrder = sql`p.period, list_position(${STAGE_LIST}, m.from_stage) NULLS FIRST, list_position(${STAGE_LIST}, m.to_stage)`;
  return {
    stages: sql`${ctes}
${stages}
ORDER BY ${stageOrder}`,
    transitions: sql`${ctes}
${transitions}
ORDER BY ${moveOrder}`,
    both: sql`${ctes}
SELECT part, period, from_stage, to_stage, customers, complete FROM (
  SELECT 1 AS part_order, row_number() OVER (ORDER BY ${stageOrder}) AS n, 'stage' AS part, p.period, CAST(NULL AS VARCHAR) AS from_stage, c.stage AS to_stage, c.customers, p.complete
  FROM stage_counts c JOIN shown p ON p.i = c.i
  UNION ALL
  SELECT 2, row_number() OVER (ORDER BY ${moveOrder}), 'transition', p.period, m.from_stage, m.to_stage, CAST(sum(m.customers) AS BIGINT), p.complete
  FROM moves m JOIN shown p ON p.i = m.i
  GROUP BY p.period, m.from_stage, m.to_stage, p.complete
)
ORDER BY part_order, n`,
  };
}

export interface LifecycleSelection {
  /** Any day of the period (YYYY-MM-DD); its period is meant. */
  readonly period: string;
  readonly to: LifecycleStage;
  /** The stage the period before; null for customers new in the period; absent for any. */
  readonly from?: LifecycleStage | null;
}

function checkStage(stage: unknown): void {
  if (!LIFECYCLE_STAGES.includes(stage as LifecycleStage)) {
    throw new AnalyticsError(`"${String(stage)}" is not a lifecycle stage.`, `Use one of ${LIFECYCLE_STAGES.join(', ')}.`);
  }
}

/** customer_id of every customer in stage `to` in a shown period (coming from `from`), to make a segment. */
export function lifecycleCustomersSql(spec: LifecycleSpecInput, selection: LifecycleSelection, options: AnalyticsOptions = {}): Sql {
  const s = parseLifecycleSpec(spec);
  if (!isIsoDate(selection.period)) {
    throw new AnalyticsError(`"${selection.period}" is not a date.`, 'Give the period as a date such as 2024-04-01.');
  }
  checkStage(selection.to);
  // Inside a span the customer stayed; at its first period they came from previous_stage.
  const cameFrom = sql`CASE WHEN sp.from_i = w.i THEN sp.previous_stage ELSE sp.stage END`;
  let from = sql``;
  if (selection.from === null) from = sql` AND ${cameFrom} IS NULL`;
  else if (selection.from !== undefined) {
    checkStage(selection.from);
    from = sql` AND ${cameFrom} = ${selection.from}`;
  }
  return sql`${lifecycleCtes(s, options)},
wanted AS (
  SELECT ${periodNumber(s.period, sql`CAST(${selection.period} AS DATE)`)} AS i FROM bounds
  WHERE ${periodNumber(s.period, sql`CAST(${selection.period} AS DATE)`)} BETWEEN first_i AND last_i
)
SELECT sp.customer_id
FROM spans sp CROSS JOIN wanted w
WHERE sp.from_i <= w.i AND sp.to_i >= w.i AND sp.stage = ${selection.to}${from}
ORDER BY sp.customer_id`;
}
