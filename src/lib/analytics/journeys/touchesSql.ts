/**
 * Each customer's journey as a row of step labels: CTEs ending in
 * `journeys(customer_id, s1 … sN)`, s1 the anchor and s2… the steps away from it (later steps
 * for a start anchor, earlier ones for an end anchor); NULL where the journey is shorter.
 *
 * - Touches: activity up to the as-of date, ordered by time, then label, anchors first. A
 *   touch with the same instant and label as the one before (order lines of one order) is a
 *   duplicate and never a separate step.
 * - The anchor: the customer's first (start) or last (end) non-duplicate touch with the
 *   anchor event (any touch when the event is null). Customers without one have no journey.
 * - With a gap, a silence longer than it ends the journey: the steps stop at the first
 *   break after the anchor (start), or begin at the last break up to it (end).
 * - Collapsing repeats keeps the first touch of each run of equal labels (start anchor) or
 *   the last (end anchor), so the anchor's own run adds no extra step.
 * One sort of the customer's touches does all of this; the rest are groupings.
 */
import { ident, join, literal, sql, type Sql } from '../../sql';
import { activityUpToAsOf, type AnalyticsOptions } from '../scope';
import type { JourneySpec } from './spec';

/** Step column names s1 … sN. */
export function stepColumns(steps: number): Sql[] {
  return Array.from({ length: steps }, (_, i) => ident(`s${i + 1}`));
}

function labelSql(spec: JourneySpec): Sql {
  switch (spec.by) {
    case 'event':
      return sql`a.event`;
    case 'channel':
      return sql`a.channel`;
    case 'channel_event':
      return sql`concat_ws(' ', a.channel, a.event)`;
  }
}

function keptSql(spec: JourneySpec): Sql {
  if (!spec.collapseRepeats) return sql`NOT duplicate`;
  return spec.anchor.at === 'start' ? sql`previous_label IS DISTINCT FROM label` : sql`next_label IS DISTINCT FROM label`;
}

/** CTE `limits(customer_id, anchor_rn, anchor_label, limit_rn)`: where each journey stops. */
function limitsSql(spec: JourneySpec): Sql {
  const start = spec.anchor.at === 'start';
  if (spec.gapDays === null) {
    const none = start ? sql`CAST(9223372036854775807 AS BIGINT)` : sql`CAST(0 AS BIGINT)`;
    return sql`SELECT customer_id, anchor_rn, anchor_label, ${none} AS limit_rn FROM anchors`;
  }
  const limit = start
    ? sql`coalesce(min(m.rn) FILTER (WHERE m.rn > x.anchor_rn), CAST(9223372036854775807 AS BIGINT))`
    : sql`coalesce(max(m.rn) FILTER (WHERE m.rn <= x.anchor_rn), CAST(0 AS BIGINT))`;
  return sql`SELECT x.customer_id, x.anchor_rn, x.anchor_label, ${limit} AS limit_rn
  FROM anchors x LEFT JOIN marked m ON m.customer_id = x.customer_id AND m.is_break
  GROUP BY x.customer_id, x.anchor_rn, x.anchor_label`;
}

/** The CTEs from activity to `journeys` (without the leading WITH and the as-of CTE). */
export function customerJourneysCtes(spec: JourneySpec, options: AnalyticsOptions): Sql {
  const start = spec.anchor.at === 'start';
  const label = labelSql(spec);
  const isAnchor = spec.anchor.event === null ? sql`TRUE` : sql`coalesce(a.event = ${spec.anchor.event}, FALSE)`;
  const events = spec.events === null ? sql`` : sql`\n    AND a.event IN (${join(spec.events.map((e) => literal(e)))})`;
  const next = spec.collapseRepeats && !start ? sql`,\n    lead(label) OVER w AS next_label` : sql``;
  const isBreak =
    spec.gapDays === null ? sql`FALSE` : sql`coalesce(date_diff('second', previous_at, occurred_at) > ${Math.round(spec.gapDays * 86_400)}, FALSE)`;
  const inJourney = start ? sql`m.rn > x.anchor_rn AND m.rn < x.limit_rn` : sql`m.rn < x.anchor_rn AND m.rn >= x.limit_rn`;
  const columns = stepColumns(spec.steps);
  const later = columns.slice(1).map((c, i) => sql`,\n    max(s.label) FILTER (WHERE s.pos = ${i + 2}) AS ${c}`);
  return sql`touches AS (
  SELECT a.customer_id, a.occurred_at, ${label} AS label, ${isAnchor} AS is_anchor
  FROM ${activityUpToAsOf(options)}
    AND ${label} IS NOT NULL${events}
),
ordered AS (
  SELECT customer_id, occurred_at, label, is_anchor,
    row_number() OVER w AS rn,
    lag(label) OVER w AS previous_label,
    lag(occurred_at) OVER w AS previous_at${next}
  FROM touches
  WINDOW w AS (PARTITION BY customer_id ORDER BY occurred_at, label, is_anchor DESC)
),
marked AS (
  SELECT *, ${keptSql(spec)} AS kept, ${isBreak} AS is_break
  FROM (SELECT *, coalesce(previous_at = occurred_at AND previous_label = label, FALSE) AS duplicate FROM ordered)
),
anchors AS (
  SELECT customer_id, ${start ? sql`min(rn)` : sql`max(rn)`} AS anchor_rn, ${start ? sql`arg_min(label, rn)` : sql`arg_max(label, rn)`} AS anchor_label
  FROM marked WHERE is_anchor AND NOT duplicate
  GROUP BY customer_id
),
limits AS (
  ${limitsSql(spec)}
),
steps AS (
  SELECT m.customer_id, m.label, 1 + row_number() OVER (PARTITION BY m.customer_id ORDER BY m.rn${start ? sql`` : sql` DESC`}) AS pos
  FROM marked m JOIN limits x ON m.customer_id = x.customer_id
  WHERE m.kept AND ${inJourney}
),
journeys AS (
  SELECT x.customer_id, any_value(x.anchor_label) AS ${columns[0]}${join(later, '')}
  FROM limits x LEFT JOIN steps s ON s.customer_id = x.customer_id AND s.pos <= ${spec.steps}
  GROUP BY x.customer_id
)`;
}
