/** Members against all customers: revenue share, AOV, orders, channel mix, days since last order — one query. */
import { ident, sql } from '../../../lib/sql';
import { cellCount } from '../../../lib/engine/cells';

export interface GroupStats {
  customers: number;
  revenue: number;
  orders: number;
  /** Average days since the last order, over customers who ordered. */
  daysSinceLastOrder: number | null;
  /** Customers who used each channel, most used first. */
  channels: { channel: string; customers: number }[];
}

export interface Comparison {
  members: GroupStats;
  all: GroupStats;
}

/** Long rows: one per group with the totals (channel NULL), then one per group and channel. */
export function comparisonSql(membersRelation: string): string {
  return sql`WITH f AS (
  SELECT c.*, m.${ident('customer_id')} IS NOT NULL AS is_member
  FROM ${ident('customer_features')} AS c
  LEFT JOIN (SELECT DISTINCT ${ident('customer_id')} FROM ${ident(membersRelation)}) AS m ON m.${ident('customer_id')} = c.${ident('customer_id')}
),
g AS (
  SELECT 'members' AS who, * FROM f WHERE is_member
  UNION ALL
  SELECT 'all' AS who, * FROM f
)
SELECT who, CAST(NULL AS VARCHAR) AS channel, count(*) AS customers,
  CAST(coalesce(sum(revenue), 0) AS DOUBLE) AS revenue,
  CAST(coalesce(sum(orders), 0) AS DOUBLE) AS orders,
  CAST(avg(days_since_last_order) AS DOUBLE) AS days
FROM g GROUP BY who
UNION ALL
SELECT who, CAST(ch AS VARCHAR) AS channel, count(DISTINCT ${ident('customer_id')}) AS customers, NULL, NULL, NULL
FROM (SELECT who, ${ident('customer_id')}, unnest(channels) AS ch FROM g) AS u
WHERE ch IS NOT NULL
GROUP BY who, ch`.text;
}

export function readComparison(rows: readonly Record<string, unknown>[]): Comparison {
  const empty = (): GroupStats => ({ customers: 0, revenue: 0, orders: 0, daysSinceLastOrder: null, channels: [] });
  const out: Comparison = { members: empty(), all: empty() };
  for (const r of rows) {
    const g = r.who === 'members' ? out.members : out.all;
    if (r.channel === null || r.channel === undefined) {
      g.customers = cellCount(r.customers);
      g.revenue = cellCount(r.revenue);
      g.orders = cellCount(r.orders);
      g.daysSinceLastOrder = r.days === null || r.days === undefined ? null : cellCount(r.days);
    } else {
      g.channels.push({ channel: String(r.channel), customers: cellCount(r.customers) });
    }
  }
  for (const g of [out.members, out.all]) g.channels.sort((a, b) => b.customers - a.customers || a.channel.localeCompare(b.channel));
  return out;
}

/** Average order value: revenue over orders (null without orders). */
export function aov(g: GroupStats): number | null {
  return g.orders > 0 ? g.revenue / g.orders : null;
}
