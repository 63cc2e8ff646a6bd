/**
 * Saved segments side by side (2–4): size, revenue and its share, average order value,
 * orders per customer, days since the last order, repeat rate and 90-day retention, plus
 * how much each pair overlaps. Each segment is compiled as `{ "segment": name }`, so names
 * resolve (and cycles are reported) exactly as in a segment rule.
 *
 * Retention: of the customers whose first order was before the last 90 days (the 90 calendar
 * days ending on the as-of date), the share who ordered within those 90 days.
 */
import { ident, join, literal, sql, type Sql } from '../sql';
import { AS_OF_DATE, CUSTOMER_FEATURES } from '../model/relations';
import { compileSegment, type CompileOptions } from './compile/segment';
import { SegmentError } from './errors';
import { cellCount } from '../engine/cells';

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 4;
export const RETENTION_DAYS = 90;

export interface SegmentComparisonQuery {
  /** One row per segment (k = 0…n−1) and one for all customers (k = −1). */
  stats: Sql;
  /** One row per pair (a < b) with the customers in both. */
  overlap: Sql;
  names: readonly string[];
}

export interface SegmentStats {
  name: string;
  customers: number;
  revenue: number;
  orders: number;
  /** Customers with at least one / two orders. */
  buyers: number;
  repeatCustomers: number;
  /** Mean days since the last order, over customers who ordered. */
  daysSinceLastOrder: number | null;
  /** Customers who first ordered before the retention window, and of those who ordered in it. */
  established: number;
  retained: number;
}

export interface SegmentComparison {
  segments: SegmentStats[];
  all: SegmentStats;
  /** Customers in both of each pair, keyed "a|b" with a < b (indexes). */
  overlap: Map<string, number>;
}

const id = (name: string): Sql => ident(name);

export function compareSegmentsSql(names: readonly string[], options: Omit<CompileOptions, 'dialect'>): SegmentComparisonQuery {
  if (names.length < COMPARE_MIN || names.length > COMPARE_MAX) {
    throw new SegmentError([{ path: 'segments', code: 'bad-value', message: `Pick ${COMPARE_MIN} to ${COMPARE_MAX} saved segments to compare (${names.length} picked).` }]);
  }
  const members = names.map((name, k) => {
    const { sql: select } = compileSegment({ v: 1, match: { segment: name } }, { ...options, dialect: 'duckdb' });
    return sql`SELECT ${literal(k)} AS k, ${id('customer_id')} FROM (${select}) AS s${literal(k)}`;
  });
  const m = sql`m AS (\n  ${join(members, '\n  UNION ALL\n  ')}\n)`;
  const asOf = sql`(SELECT as_of FROM ${ident(AS_OF_DATE)})`;
  const windowStart = sql`CAST(${asOf} - ${literal(RETENTION_DAYS - 1)} AS TIMESTAMP)`;
  const stats = sql`WITH ${m},
g AS (
  SELECT m.k, c.* FROM m JOIN ${ident(CUSTOMER_FEATURES)} AS c USING (${id('customer_id')})
  UNION ALL
  SELECT -1 AS k, c.* FROM ${ident(CUSTOMER_FEATURES)} AS c
)
SELECT k,
  count(*) AS customers,
  CAST(coalesce(sum(${id('revenue')}), 0) AS DOUBLE) AS revenue,
  CAST(coalesce(sum(${id('orders')}), 0) AS DOUBLE) AS orders,
  count(*) FILTER (WHERE ${id('orders')} >= 1) AS buyers,
  count(*) FILTER (WHERE ${id('orders')} >= 2) AS repeat_customers,
  CAST(avg(date_diff('day', CAST(${id('last_order_at')} AS DATE), ${asOf})) AS DOUBLE) AS days_since_last_order,
  count(*) FILTER (WHERE ${id('first_order_at')} < ${windowStart}) AS established,
  count(*) FILTER (WHERE ${id('first_order_at')} < ${windowStart} AND ${id('last_order_at')} >= ${windowStart}) AS retained
FROM g
GROUP BY k
ORDER BY k`;
  const overlap = sql`WITH ${m}
SELECT a.k AS a, b.k AS b, count(*) AS customers
FROM m AS a JOIN m AS b ON a.${id('customer_id')} = b.${id('customer_id')} AND a.k < b.k
GROUP BY a.k, b.k
ORDER BY a.k, b.k`;
  return { stats, overlap, names: [...names] };
}

export function readSegmentComparison(query: SegmentComparisonQuery, stats: readonly Record<string, unknown>[], overlap: readonly Record<string, unknown>[]): SegmentComparison {
  const empty = (name: string): SegmentStats => ({ name, customers: 0, revenue: 0, orders: 0, buyers: 0, repeatCustomers: 0, daysSinceLastOrder: null, established: 0, retained: 0 });
  const segments = query.names.map(empty);
  const all = empty('All customers');
  for (const r of stats) {
    const k = cellCount(r.k);
    const s = k === -1 ? all : segments[k];
    if (!s) continue;
    s.customers = cellCount(r.customers);
    s.revenue = cellCount(r.revenue);
    s.orders = cellCount(r.orders);
    s.buyers = cellCount(r.buyers);
    s.repeatCustomers = cellCount(r.repeat_customers);
    s.daysSinceLastOrder = r.days_since_last_order === null || r.days_since_last_order === undefined ? null : cellCount(r.days_since_last_order);
    s.established = cellCount(r.established);
    s.retained = cellCount(r.retained);
  }
  const pairs = new Map<string, number>();
  for (const r of overlap) pairs.set(`${cellCount(r.a)}|${cellCount(r.b)}`, cellCount(r.customers));
  return { segments, all, overlap: pairs };
}

/** Average order value (null without orders), repeat rate and retention (null without a base). */
export const segmentAov = (s: SegmentStats): number | null => (s.orders > 0 ? s.revenue / s.orders : null);
export const repeatRate = (s: SegmentStats): number | null => (s.buyers > 0 ? s.repeatCustomers / s.buyers : null);
export const retentionRate = (s: SegmentStats): number | null => (s.established > 0 ? s.retained / s.established : null);
