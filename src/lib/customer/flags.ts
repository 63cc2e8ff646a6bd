/**
 * Flags on a customer, each with its rule in plain words (shown in the UI): computed in one
 * query from customer_features, as of the data's as-of date.
 */
import { ident, sql, type Sql } from '../sql';
import { CUSTOMER_FEATURES } from '../model/relations';
import { DEFAULT_LIFECYCLE_SPEC } from '../analytics/lifecycle';
import { cellNumber } from '../engine/cells';

export type FlagId = 'vip' | 'chronic_returner' | 'lapsed' | 'one_time_buyer' | 'no_purchase';

/** Thresholds of the rules. "Lapsed" uses the lifecycle analysis's default, so both agree. */
export const FLAG_THRESHOLDS = {
  returnerMinReturns: 3,
  returnerMinShare: 0.3,
  lapsedDays: DEFAULT_LIFECYCLE_SPEC.lapsedDays,
  vipTopShare: 0.05,
} as const;

export interface FlagRule {
  readonly id: FlagId;
  readonly label: string;
  /** The rule, in words. */
  readonly rule: string;
  readonly tone: 'good' | 'warn' | 'neutral';
}

const T = FLAG_THRESHOLDS;

export const FLAG_RULES: readonly FlagRule[] = [
  { id: 'vip', label: 'VIP', tone: 'good', rule: `In the top ${T.vipTopShare * 100}% of customers by revenue (net of returns), among customers with at least one order.` },
  {
    id: 'chronic_returner',
    label: 'Chronic returner',
    tone: 'warn',
    rule: `Returned at least ${T.returnerMinReturns} orders, and at least ${T.returnerMinShare * 100}% as many returns as orders.`,
  },
  { id: 'lapsed', label: 'Lapsed', tone: 'warn', rule: `No order for ${T.lapsedDays} days or more before the as-of date (the lifecycle analysis's default).` },
  { id: 'one_time_buyer', label: 'One-time buyer', tone: 'neutral', rule: 'Exactly one order so far.' },
  { id: 'no_purchase', label: 'No purchase yet', tone: 'neutral', rule: 'Seen in the data (a sign-up, an email, a visit) but no order up to the as-of date.' },
];

/** One row: the figures the rules read, and one boolean per flag. Empty when the customer is not in customer_features. */
export function customerFlagsSql(customerId: string): Sql {
  const f = ident(CUSTOMER_FEATURES);
  return sql`WITH me AS (SELECT customer_id, orders, revenue, returns, days_since_last_order FROM ${f} WHERE customer_id = ${customerId}),
buyers AS (SELECT count(*) AS buyers, count(*) FILTER (WHERE revenue > (SELECT revenue FROM me)) AS richer FROM ${f} WHERE orders > 0)
SELECT me.orders, me.revenue, me.returns, me.days_since_last_order,
  CASE WHEN me.orders > 0 THEN me.returns / me.orders END AS return_share,
  buyers.buyers, buyers.richer,
  CASE WHEN me.orders > 0 AND buyers.buyers > 0 THEN (buyers.richer + 1) / buyers.buyers END AS revenue_rank_share,
  coalesce(me.orders > 0 AND me.revenue > 0 AND buyers.richer < ${T.vipTopShare} * buyers.buyers, false) AS vip,
  coalesce(me.returns >= ${T.returnerMinReturns} AND me.returns >= ${T.returnerMinShare} * me.orders, false) AS chronic_returner,
  coalesce(me.orders > 0 AND me.days_since_last_order >= ${T.lapsedDays}, false) AS lapsed,
  coalesce(me.orders = 1, false) AS one_time_buyer,
  coalesce(me.orders = 0, false) AS no_purchase
FROM me CROSS JOIN buyers`;
}

export interface CustomerFlag extends FlagRule {
  /** The customer's own figures behind the flag, in words. */
  readonly detail: string;
}

const pct = (share: number): string => `${Math.round(share * 100)}%`;

/** The flags that apply, in FLAG_RULES order. */
export function readFlags(row: Record<string, unknown> | undefined): CustomerFlag[] {
  if (!row) return [];
  const orders = cellNumber(row.orders) ?? 0;
  const returns = cellNumber(row.returns) ?? 0;
  const days = cellNumber(row.days_since_last_order);
  const rank = cellNumber(row.revenue_rank_share);
  const details: Record<FlagId, string> = {
    vip: rank === null ? '' : `Top ${Math.max(1, Math.ceil(rank * 100))}% by revenue.`,
    chronic_returner: `${returns} returns on ${orders} orders (${orders > 0 ? pct(returns / orders) : '—'}).`,
    lapsed: days === null ? '' : `Last order ${days} days before the as-of date.`,
    one_time_buyer: days === null ? '' : `Their only order was ${days} days before the as-of date.`,
    no_purchase: '',
  };
  return FLAG_RULES.filter((r) => row[r.id] === true).map((r) => ({ ...r, detail: details[r.id] }));
}
