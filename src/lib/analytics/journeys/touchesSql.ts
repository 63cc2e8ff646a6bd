/**
 * Each customer's journey as a row of step labels: CTEs ending in
 * `journeys(customer_id, s1 … sN)`, s1 the anchor and s2… the steps away from it (later steps
 * for a start anchor, earlier ones for an end anchor); NULL where the journey is shorter.
 *
 * - Touches: activity up to the as-of date, ordered by time, then label. Rows with the same
 *   instant and label (order lines of one order) are one touch, never separate steps; it is
 *   an anchor touch if any of them has the anchor event.
 * - The anchor: the customer's first (start) or last (end) anchor touch (any touch when the
 *   event is null). Customers without one have no journey.
 * - With a gap, a silence longer than it ends the journey: the steps stop at the first
 *   break after the anchor (start), or begin at the last break up to it (end).
 * - Collapsing repeats keeps one touch per run of equal labels, so the anchor's own run adds
 *   no extra step.
 *
 * How it runs: the touches are read walking away from the anchor (forwards in time for a
 * start anchor, backwards for an end anchor). One sort of all rows (customer, time, label)
 * marks, against the row read just before, each customer's first row, the kept rows (a new
 * label, or a new touch without collapsing) and the breaks; a second sort, of the few rows
 * left (anchors, kept rows, breaks), reads the N - 1 rows after each anchor with lead() (lag()
 * backwards), stopping at a break or the next customer. With an anchor event, rows before the
 * anchor's instant are dropped first (one grouping and a join), so only rows at that instant
 * can come before the anchor, and the anchor is the first anchor row read.
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
  // Rows are sorted forwards in time either way (exports often come in time order, and a
  // backward sort of them costs more); an end anchor reads them with lead() as "previous".
  const previous = start ? sql`lag` : sql`lead`;
  const following = start ? sql`lead` : sql`lag`;
  const isAnchor = anchorEvent === null ? sql`` : sql`, coalesce(a.event = ${anchorEvent}, FALSE) AS is_anchor`;
  const previousAt = spec.gapDays !== null || !spec.collapseRepeats ? sql`,\n    ${previous}(occurred_at) OVER w AS previous_at` : sql``;
  // Only read on rows after a customer's first, where the previous row is theirs.
  const kept = spec.collapseRepeats ? sql`previous_label <> label` : sql`NOT (previous_at = occurred_at AND previous_label = label)`;
  const gapSeconds = start ? sql`date_diff('second', previous_at, occurred_at)` : sql`date_diff('second', occurred_at, previous_at)`;
  const isBreak = spec.gapDays === null ? null : sql`${gapSeconds} > ${Math.round(spec.gapDays * 86_400)}`;

  // Without an anchor event the anchor is the customer's first row. With one, rows from the
  // instant of the first (start) or last (end) anchor touch on are read; the anchor is then
  // the anchor row read first: the row read before it that is an anchor or at another instant
  // is another customer's (only non-anchor rows at the anchor instant are skipped, so the
  // search back stays within one instant).
  const source =
    anchorEvent === null
      ? sql`touches`
      : sql`(
    SELECT t.*, x.anchor_at
    FROM touches t JOIN anchor_instants x ON t.customer_id = x.customer_id
    WHERE t.occurred_at ${start ? sql`>=` : sql`<=`} x.anchor_at
  )`;
  const anchorInstants =
    anchorEvent === null
      ? sql``
      : sql`
anchor_instants AS (
  SELECT customer_id, ${start ? sql`min` : sql`max`}(occurred_at) AS anchor_at FROM touches WHERE is_anchor GROUP BY customer_id
),`;
  const anchorBefore =
    anchorEvent === null
      ? sql``
      : sql`,\n    ${previous}(CASE WHEN is_anchor OR occurred_at <> anchor_at THEN customer_id END IGNORE NULLS) OVER w AS previous_anchor_customer`;
  const isStart = anchorEvent === null ? sql`first` : sql`is_anchor AND previous_anchor_customer IS DISTINCT FROM customer_id`;
  const stops = join([sql`first`, ...(anchorEvent === null ? [] : [sql`is_start`]), ...(isBreak === null ? [] : [sql`is_break`])], ' OR ');

  const columns = stepColumns(spec.steps);
  const next = columns.slice(1).map((_, i) => sql`,\n    ${following}(step, ${i + 1}) OVER (ORDER BY rn) AS ${ident(`n${i + 1}`)}`);
  // Step k + 1 is the k-th row after the anchor, if no row up to it ends the journey.
  const later = columns.slice(1).map((c, i) => {
    const open = Array.from({ length: i }, (_, j) => sql`${ident(`n${j + 1}`)} IS NOT NULL`);
    return open.length === 0 ? sql`, n1 AS ${c}` : sql`, CASE WHEN ${join(open, ' AND ')} THEN ${ident(`n${i + 1}`)} END AS ${c}`;
  });
  return sql`touches AS (
  SELECT a.customer_id, a.occurred_at, ${label} AS label${isAnchor}
  FROM ${activityUpToAsOf(options)}
    AND ${label} IS NOT NULL${events}
),${anchorInstants}
ordered AS (
  SELECT *,
    row_number() OVER w AS rn,
    ${previous}(customer_id) OVER w AS previous_customer,
    ${previous}(label) OVER w AS previous_label${previousAt}${anchorBefore}
  FROM ${source}
  WINDOW w AS (ORDER BY customer_id, occurred_at, label)
),
marked AS (
  SELECT *, ${isStart} AS is_start${isBreak === null ? sql`` : sql`, ${isBreak} AS is_break`}
  FROM (SELECT *, previous_customer IS DISTINCT FROM customer_id AS first FROM ordered)
),
journey_rows AS (
  -- step is NULL on a row that ends the journey read before it (another customer's first
  -- row, an anchor, a break).
  SELECT customer_id, rn, label, is_start, CASE WHEN NOT (${stops}) THEN label END AS step
  FROM marked
  WHERE ${stops} OR ${kept}
),
journeys AS (
  SELECT customer_id, label AS ${columns[0]}${join(later, '')}
  FROM (SELECT customer_id, label, is_start${join(next, '')} FROM journey_rows)
  WHERE is_start
)`;
}
