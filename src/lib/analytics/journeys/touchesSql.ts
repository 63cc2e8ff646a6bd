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
 *
 * An end anchor is a start anchor on the touches in reverse order (time, then label, both
 * descending), so both are read walking away from the anchor. One sort of all touches (by
 * customer, then that order) finds the anchor, the steps and the breaks; a second, over the
 * few rows left (anchors, steps, breaks), reads each anchor's next steps with lead().
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

/** The CTEs from activity to `journeys` (without the leading WITH and the as-of CTE). */
export function customerJourneysCtes(spec: JourneySpec, options: AnalyticsOptions): Sql {
  const start = spec.anchor.at === 'start';
  const anchorEvent = spec.anchor.event;
  const label = labelSql(spec);
  const events = spec.events === null ? sql`` : sql`\n    AND a.event IN (${join(spec.events.map((e) => literal(e)))})`;
  // Rows are always sorted in time order (input is often in time order already, and sorting it
  // backwards costs more); an end anchor reads them backwards, so "previous" is lead().
  const previous = start ? sql`lag` : sql`lead`;
  const following = start ? sql`lead` : sql`lag`;
  const previousAt = spec.gapDays !== null || !spec.collapseRepeats ? sql`,\n    ${previous}(occurred_at) OVER w AS previous_at` : sql``;
  // Kept and break are only read on a customer's later rows, where the previous row is theirs.
  const kept = spec.collapseRepeats ? sql`previous_label <> label` : sql`NOT (previous_at = occurred_at AND previous_label = label)`;
  // Seconds between the two touches, the earlier one first.
  const gapSeconds = start ? sql`date_diff('second', previous_at, occurred_at)` : sql`date_diff('second', occurred_at, previous_at)`;
  const isBreak = spec.gapDays === null ? null : sql`${gapSeconds} > ${Math.round(spec.gapDays * 86_400)}`;
  const columns = stepColumns(spec.steps);
  const next = columns.slice(1).map((_, i) => sql`,\n    ${following}(step, ${i + 1}) OVER (ORDER BY rn) AS ${ident(`n${i + 1}`)}`);
  // Step k + 1 is the k-th row after the anchor if no row up to it ends the journey (NULL step).
  const later = columns.slice(1).map((c, i) => {
    const open = Array.from({ length: i }, (_, j) => sql`${ident(`n${j + 1}`)} IS NOT NULL`);
    return open.length === 0 ? sql`, n1 AS ${c}` : sql`, CASE WHEN ${join(open, ' AND ')} THEN ${ident(`n${i + 1}`)} END AS ${c}`;
  });
  const touches = sql`touches AS (
  SELECT a.customer_id, a.occurred_at, ${label} AS label${anchorEvent === null ? sql`` : sql`, coalesce(a.event = ${anchorEvent}, FALSE) AS is_anchor`}
  FROM ${activityUpToAsOf(options)}
    AND ${label} IS NOT NULL${events}
)`;
  // With an anchor event, only touches from the instant of the customer's first (start) or
  // last (end) anchor on are read, so the touches read before the anchor share its instant;
  // the anchor is the first anchor touch read, with no anchor touch of theirs before it.
  const anchored =
    anchorEvent === null
      ? sql``
      : sql`,
anchor_instants AS (
  SELECT customer_id, ${start ? sql`min` : sql`max`}(occurred_at) AS anchor_at FROM touches WHERE is_anchor GROUP BY customer_id
),
from_anchor AS (
  SELECT t.*, x.anchor_at
  FROM touches t JOIN anchor_instants x ON t.customer_id = x.customer_id
  WHERE t.occurred_at ${start ? sql`>=` : sql`<=`} x.anchor_at
)`;
  // NULL only on non-anchor touches at the anchor instant, so the search stays within it.
  const anchorBefore =
    anchorEvent === null
      ? sql``
      : sql`,\n    ${previous}(CASE WHEN is_anchor OR occurred_at <> anchor_at THEN customer_id END IGNORE NULLS) OVER w AS previous_anchor_customer`;
  const isStart = anchorEvent === null ? sql`first` : sql`is_anchor AND previous_anchor_customer IS DISTINCT FROM customer_id`;
  const ends = isBreak === null ? sql`is_start` : sql`is_start OR ${isBreak}`;
  const inJourney = isBreak === null ? sql`first OR is_start OR ${kept}` : sql`first OR is_start OR ${kept} OR ${isBreak}`;
  return sql`${touches}${anchored},
ordered AS (
  SELECT *,
    row_number() OVER w AS rn,
    ${previous}(customer_id) OVER w AS previous_customer,
    ${previous}(label) OVER w AS previous_label${previousAt}${anchorBefore}
  FROM ${anchorEvent === null ? sql`touches` : sql`from_anchor`}
  WINDOW w AS (ORDER BY customer_id, occurred_at, label)
),
marked AS (
  SELECT *, ${isStart} AS is_start
  FROM (SELECT *, previous_customer IS DISTINCT FROM customer_id AS first FROM ordered)
),
journey_rows AS (
  -- In reading order: anchors, kept touches and breaks, and each customer's first touch; step
  -- is NULL on a row that ends the journey before it (an anchor, a break, another customer).
  SELECT customer_id, rn, label, is_start, CASE WHEN NOT (first OR ${ends}) THEN label END AS step
  FROM marked
  WHERE ${inJourney}
),
journeys AS (
  SELECT customer_id, label AS ${columns[0]}${join(later, '')}
  FROM (SELECT customer_id, label, is_start${join(next, '')} FROM journey_rows)
  WHERE is_start
)`;
}
