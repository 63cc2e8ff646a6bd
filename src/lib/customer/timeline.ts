/**
 * One customer's timeline: every activity row across channels and sources, newest first, with
 * an order's lines grouped into one entry (a purchase and its return stay two entries: they
 * happened at different times). Filterable by event and channel; paged, because a heavy
 * customer may have thousands of rows.
 *
 * An entry is the rows sharing (event, order_id); a row without an order id is an entry of its
 * own. Entries are ordered by their earliest time, newest first, then event and order id, so
 * paging is stable.
 */
import { ident, join, literal, raw, sql, type Sql } from '../sql';
import { ACTIVITY } from '../model/relations';
import { cellNumber } from '../engine/cells';

export const TIMELINE_PAGE = 50;

export interface TimelineFilter {
  /** Events to show; undefined or empty for all. */
  readonly events?: readonly string[];
  /** Channels to show (null = rows without a channel); undefined or empty for all. */
  readonly channels?: readonly (string | null)[];
}

export interface TimelineOptions extends TimelineFilter {
  readonly limit?: number;
  readonly offset?: number;
  /**
   * Columns of activity beyond the canonical ones that say where a row came from (e.g.
   * `source` once several systems are stitched): listed per entry.
   */
  readonly sourceColumns?: readonly string[];
}

export interface TimelineLine {
  readonly product: string | null;
  readonly category: string | null;
  readonly amount: number | null;
}

export interface TimelineEntry {
  readonly event: string;
  readonly orderId: string | null;
  /** Epoch milliseconds of the entry's earliest row. */
  readonly at: number;
  readonly channels: string[];
  readonly sources: string[];
  /** Sum of the rows' amounts; null when none has one. */
  readonly amount: number | null;
  readonly lines: TimelineLine[];
}

export interface TimelinePage {
  readonly entries: TimelineEntry[];
  /** Entries matching the filter, over all pages. */
  readonly total: number;
}

/** Names of the columns of activity that are worth listing as a row's source. */
export function sourceColumnsOf(activityColumns: readonly string[]): string[] {
  return activityColumns.filter((c) => /^(source|source_table|source_system|system)$/i.test(c));
}

function rowsSql(customerId: string, filter: TimelineFilter, extra: readonly string[]): Sql {
  const where: Sql[] = [sql`customer_id = ${customerId}`];
  if (filter.events && filter.events.length) where.push(sql`event IN (${join(filter.events.map((e) => literal(e)))})`);
  if (filter.channels && filter.channels.length) {
    const named = filter.channels.filter((c): c is string => c !== null);
    const parts: Sql[] = [];
    if (named.length) parts.push(sql`channel IN (${join(named.map((c) => literal(c)))})`);
    if (named.length < filter.channels.length) parts.push(raw('channel IS NULL'));
    where.push(sql`(${join(parts, ' OR ')})`);
  }
  const extras = extra.map((c, k) => sql`CAST(${ident(c)} AS VARCHAR) AS ${ident(`src${k}`)}`);
  return sql`SELECT occurred_at, amount, order_id, channel, event, product, category${extras.length ? sql`, ${join(extras)}` : raw('')},
    row_number() OVER (ORDER BY occurred_at, order_id, product, category, amount) AS rn
  FROM ${ident(ACTIVITY)}
  WHERE ${join(where, ' AND ')}`;
}

/** One page of entries with the total count of entries (`total`, on every row). */
export function timelineSql(customerId: string, options: TimelineOptions = {}): Sql {
  const limit = Math.max(1, Math.floor(options.limit ?? TIMELINE_PAGE));
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const extra = options.sourceColumns ?? [];
  const sources = extra.length
    ? sql`list_sort(list_filter(flatten([${join(extra.map((_, k) => sql`list(DISTINCT ${ident(`src${k}`)})`))}]), s -> s IS NOT NULL))`
    : raw('[]::VARCHAR[]');
  return sql`WITH rows AS (${rowsSql(customerId, options, extra)}),
entries AS (
  SELECT event, order_id,
    min(occurred_at) AS first_at,
    min(rn) AS first_rn,
    list_sort(list(DISTINCT channel) FILTER (WHERE channel IS NOT NULL)) AS channels,
    ${sources} AS sources,
    sum(amount) AS amount,
    list({'product': product, 'category': category, 'amount': amount} ORDER BY rn) AS lines
  FROM rows
  GROUP BY event, order_id, CASE WHEN order_id IS NULL THEN rn END
)
SELECT event, order_id, first_at AS occurred_at, coalesce(channels, []::VARCHAR[]) AS channels, sources, amount, lines, count(*) OVER () AS total
FROM entries
ORDER BY first_at DESC, event, order_id, first_rn
LIMIT ${limit} OFFSET ${offset}`;
}

function str(v: unknown): string | null {
  return v === null || v === undefined ? null : String(v);
}
function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s) => s !== null && s !== undefined).map(String) : [];
}

export function readTimeline(rows: readonly Record<string, unknown>[]): TimelinePage {
  const entries = rows.map((r): TimelineEntry => ({
    event: String(r.event),
    orderId: str(r.order_id),
    at: cellNumber(r.occurred_at) ?? 0,
    channels: strings(r.channels),
    sources: strings(r.sources),
    amount: cellNumber(r.amount),
    lines: Array.isArray(r.lines)
      ? r.lines.map((l: unknown) => {
          const o = (typeof l === 'object' && l !== null ? l : {}) as Record<string, unknown>;
          return { product: str(o.product), category: str(o.category), amount: cellNumber(o.amount) };
        })
      : [],
  }));
  return { entries, total: rows.length ? (cellNumber(rows[0].total) ?? entries.length) : 0 };
}

export interface TimelineFacet {
  readonly value: string | null;
  /** Timeline entries (not rows) with this value. */
  readonly entries: number;
}

export interface TimelineFacets {
  readonly events: TimelineFacet[];
  readonly channels: TimelineFacet[];
}

/** The customer's events and channels with their entry counts: the timeline's filter choices. */
export function timelineFacetsSql(customerId: string): Sql {
  return sql`WITH rows AS (
  SELECT event, channel, CASE WHEN order_id IS NULL THEN 'r' || CAST(row_number() OVER () AS VARCHAR) ELSE 'o' || order_id END AS entry
  FROM ${ident(ACTIVITY)} WHERE customer_id = ${customerId}
)
SELECT 'event' AS facet, event AS value, count(DISTINCT (event, entry)) AS entries FROM rows GROUP BY event
UNION ALL
SELECT 'channel' AS facet, channel AS value, count(DISTINCT (event, entry)) AS entries FROM rows GROUP BY channel
ORDER BY facet, entries DESC, value NULLS LAST`;
}

export function readTimelineFacets(rows: readonly Record<string, unknown>[]): TimelineFacets {
  const of = (facet: string): TimelineFacet[] => rows.filter((r) => r.facet === facet).map((r) => ({ value: str(r.value), entries: cellNumber(r.entries) ?? 0 }));
  return { events: of('event'), channels: of('channel') };
}
