/**
 * One customer's lifecycle stage at the as-of date, by the lifecycle analysis's own rules
 * (src/lib/analytics/lifecycle/stages.ts; default thresholds: at risk after 90 days without
 * a purchase, lapsed after 365), computed for that customer alone. No row: no purchase yet.
 */
import { sql, type Sql } from '../sql';
import { DEFAULT_LIFECYCLE_SPEC, LIFECYCLE_STAGES, type LifecycleSpec, type LifecycleStage } from '../analytics';
import { lifecycleCtes } from '../analytics/lifecycle/spansSql';

export function customerStageSql(customerId: string, spec: LifecycleSpec = DEFAULT_LIFECYCLE_SPEC): Sql {
  const options = { segment: sql`SELECT CAST(${customerId} AS VARCHAR) AS customer_id` };
  return sql`${lifecycleCtes({ ...spec, periods: 1 }, options)}
SELECT sp.stage FROM spans sp CROSS JOIN bounds b
WHERE sp.from_i <= b.last_i AND sp.to_i >= b.last_i
LIMIT 1`;
}

export function readStage(rows: readonly Record<string, unknown>[]): LifecycleStage | null {
  const stage = rows[0]?.stage;
  return LIFECYCLE_STAGES.includes(stage as LifecycleStage) ? (stage as LifecycleStage) : null;
}
