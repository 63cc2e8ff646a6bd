/**
 * Journeys as CTEs ending in `levels(path_id, customers, level, kind, label)`: every
 * distinct path with its number of customers, one row per level 1…steps, so every level adds
 * up to the number of customers with a journey (those with the anchor activity by the as-of
 * date). Paths are few compared with customers, so the Sankey is built from them, not from
 * each customer. How a customer's path is read is in touchesSql.ts.
 *
 * - Rare paths: a path from the anchor to a step is rare when fewer than minShare of the
 *   customers share it; from that step on the path is "Other" (kind 'other') at every
 *   level, so no flow vanishes.
 * - Shorter journeys are padded with "End" after their last step (start anchor) or "Start"
 *   before their first (end anchor); padding is never rare.
 * Levels run in time order: the anchor is level 1 for a start anchor, the last level for an
 * end anchor. A node is `kind:label` (e.g. 'step:purchase', 'other:Other'): unique within a
 * level even if a real event is called "Other".
 */
import { join, sql, type Sql } from '../../sql';
import { AS_OF_CTE, type AnalyticsOptions } from '../scope';
import type { JourneySpec } from './spec';
import { customerJourneysCtes, stepColumns } from './touchesSql';

export const OTHER_LABEL = 'Other';
export const END_LABEL = 'End';
export const START_LABEL = 'Start';

export function journeyCtes(spec: JourneySpec, options: AnalyticsOptions): Sql {
  const start = spec.anchor.at === 'start';
  const n = spec.steps;
  const columns = stepColumns(n);
  const stepList = join(columns);
  // Customers sharing the path up to step k, for each k; then the first rare step.
  const shared = columns.map((_, k) => sql`sum(customers) OVER (PARTITION BY ${join(columns.slice(0, k + 1))})`);
  const firstRare = join(
    columns.map((c, k) => sql`CASE WHEN ${c} IS NOT NULL AND ${shared[k]} < ${spec.minShare} * total THEN ${k + 1} END`),
  );
  const padKind = start ? 'end' : 'start';
  const padLabel = start ? END_LABEL : START_LABEL;
  const level = start ? sql`pos` : sql`${n + 1} - pos`;
  return sql`WITH ${AS_OF_CTE},
${customerJourneysCtes(spec, options)},
paths AS (
  SELECT row_number() OVER (ORDER BY ${stepList}) AS path_id, ${stepList}, customers, coalesce(${firstRare}) AS rare_from
  FROM (SELECT *, sum(customers) OVER () AS total FROM (SELECT ${stepList}, count(*) AS customers FROM journeys GROUP BY ALL))
),
levels AS (
  SELECT path_id, customers, CAST(${level} AS INTEGER) AS level,
    CASE WHEN pos >= rare_from THEN 'other' WHEN path[pos] IS NULL THEN ${padKind} ELSE 'step' END AS kind,
    CASE WHEN pos >= rare_from THEN ${OTHER_LABEL} WHEN path[pos] IS NULL THEN ${padLabel} ELSE path[pos] END AS label
  FROM (SELECT path_id, customers, rare_from, [${stepList}] AS path FROM paths) CROSS JOIN range(1, ${n + 1}) t(pos)
)`;
}

/** Join condition from a customer's journeys row `p` to their path `x` (missing steps match). */
export function samePathSql(steps: number): Sql {
  return join(stepColumns(steps).map((c) => sql`p.${c} IS NOT DISTINCT FROM x.${c}`), ' AND ');
}
