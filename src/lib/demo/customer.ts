/**
 * One simulated customer: profile, orders (purchases split into lines, and returns), loyalty
 * tier, and optionally engagement events. Everything is drawn from the customer's own keyed
 * streams, so any table can be regenerated for any customer on its own.
 */
import { Rng } from './random';
import { gamma, exponential, categorical, cumulative } from './distributions';
import { COUNTRIES, EMAIL_DOMAINS } from './catalog';
import { basketLines, lineValue, type OrderLine } from './basket';
import { drawLatent, simulatePurchases, STREAM, type Latent, type PurchaseHistory } from './purchases';
import { simulateEvents, type DemoEvent } from './engagement';
import { CHANNEL_DRIFT } from './parameters';
import { DAY } from './time';
import type { SimulationContext } from './context';

export type Channel = 'web' | 'store' | 'app';
export type LoyaltyTier = 'none' | 'silver' | 'gold';

export const CHANNELS: readonly Channel[] = ['web', 'store', 'app'];

export interface Order {
  /** Shared by a purchase and its return: the order id is O<number>, the return's R<number>. */
  readonly number: number;
  readonly kind: 'purchase' | 'return';
  /** Seconds (naive timestamp). */
  readonly at: number;
  readonly channel: Channel;
  readonly lines: readonly OrderLine[];
}

export interface CustomerTruth extends Latent {
  readonly alive: boolean;
  readonly dropoutAt: number | null;
  /** BG/NBD observation length T (weeks, operational time = calendar time when seasonality is 0). */
  readonly observationWeeks: number;
  /** Purchases in the period, the first included (repeat purchases x = purchases − 1). */
  readonly purchases: number;
  /** Repeat purchases moved a day later to keep one order per day. */
  readonly movedPurchases: number;
}

export interface SimulatedCustomer {
  readonly index: number;
  readonly id: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  /** Day number (days since 1970-01-01). */
  readonly signupDay: number;
  readonly signupChannel: Channel;
  readonly country: string;
  readonly loyaltyTier: LoyaltyTier;
  /** Purchases and returns in time order. */
  readonly orders: readonly Order[];
  /** Engagement events in time order (empty unless asked for). */
  readonly events: readonly DemoEvent[];
  readonly truth: CustomerTruth;
}

const COUNTRY_CUM = cumulative(COUNTRIES.map((c) => c.weight));
const MEMBERSHIP: Record<Channel, number> = { web: 0.35, store: 0.6, app: 0.8 };
const RETURN_CHANNEL_FACTOR: Record<Channel, number> = { web: 1.3, store: 0.6, app: 1.2 };
/** Net spend over the last 365 days (cents) that earns a tier, for loyalty members. */
const TIER_THRESHOLDS = { gold: 60_000, silver: 20_000 };

export function customerId(index: number): string {
  return `C${String(index + 1).padStart(7, '0')}`;
}

/** Channel mix of the business at time t: linear drift from CHANNEL_DRIFT.start to .end. */
export function channelShares(ctx: SimulationContext, t: number): [number, number, number] {
  const f = Math.min(1, Math.max(0, (t - ctx.start) / (ctx.end - ctx.start)));
  const { start, end } = CHANNEL_DRIFT;
  return [start.web + f * (end.web - start.web), start.store + f * (end.store - start.store), start.app + f * (end.app - start.app)];
}

function drawChannel(rng: Rng, shares: [number, number, number]): Channel {
  const u = rng.float() * (shares[0] + shares[1] + shares[2]);
  return u < shares[0] ? 'web' : u < shares[0] + shares[1] ? 'store' : 'app';
}

function purchaseOrders(ctx: SimulationContext, index: number, history: PurchaseHistory, firstNumber: number): { orders: Order[]; home: Channel } {
  const rng = Rng.keyed(ctx.options.seed, index, STREAM.basket);
  const home = drawChannel(rng, channelShares(ctx, history.times[0]));
  const orders: Order[] = [];
  for (let k = 0; k < history.times.length; k++) {
    const at = history.times[k];
    // The first order is where the customer signed up; later ones mostly stay with that channel.
    const channel = k === 0 || rng.chance(CHANNEL_DRIFT.loyalty) ? home : drawChannel(rng, channelShares(ctx, at));
    orders.push({ number: firstNumber + k, kind: 'purchase', at, channel, lines: basketLines(rng, history.values[k]) });
  }
  return { orders, home };
}

/** Returns: separate orders R<n> with negative quantities, some days after purchase O<n>. */
function returnOrders(ctx: SimulationContext, index: number, purchases: readonly Order[]): Order[] {
  const rng = Rng.keyed(ctx.options.seed, index, STREAM.returns);
  const propensity = gamma(rng, 2, 2); // customer-level, mean 1: serial returners exist
  const returns: Order[] = [];
  for (const order of purchases) {
    const lines: OrderLine[] = [];
    for (const line of order.lines) {
      const prob = Math.min(0.9, line.product.returnRate * propensity * RETURN_CHANNEL_FACTOR[order.channel]);
      if (!rng.chance(prob)) continue;
      const n = 1 + Math.floor(rng.float() * line.quantity);
      // Refund what was paid per unit (rounded down, never more than was paid).
      lines.push({ product: line.product, quantity: -n, unitPrice: Math.floor(lineValue(line) / line.quantity), discount: 0 });
    }
    if (lines.length === 0) continue;
    const at = order.at + DAY + Math.min(exponential(rng, 1 / 6), 50) * DAY;
    const channel: Channel = order.channel === 'store' || rng.chance(0.3) ? 'store' : order.channel;
    if (at < ctx.end) returns.push({ number: order.number, kind: 'return', at, channel, lines });
  }
  return returns;
}

function loyaltyTier(ctx: SimulationContext, rng: Rng, signupChannel: Channel, orders: readonly Order[]): LoyaltyTier {
  if (!rng.chance(MEMBERSHIP[signupChannel])) return 'none';
  const since = ctx.end - 365 * DAY;
  let spend = 0;
  for (const o of orders) if (o.at >= since) for (const l of o.lines) spend += lineValue(l);
  return spend >= TIER_THRESHOLDS.gold ? 'gold' : spend >= TIER_THRESHOLDS.silver ? 'silver' : 'none';
}

/**
 * Simulates customer `index`. Purchase orders are numbered from `firstOrderNumber` in time
 * order; the caller advances its counter by `truth.purchases`.
 */
export function simulateCustomer(ctx: SimulationContext, index: number, firstOrderNumber: number, withEvents: boolean): SimulatedCustomer {
  const latent = drawLatent(ctx, index);
  const history = simulatePurchases(ctx, index, latent);
  const { orders: purchases, home } = purchaseOrders(ctx, index, history, firstOrderNumber);
  const returns = returnOrders(ctx, index, purchases);
  const orders = returns.length === 0 ? purchases : [...purchases, ...returns].sort((x, y) => x.at - y.at);

  const rng = Rng.keyed(ctx.options.seed, index, STREAM.profile);
  const country = COUNTRIES[categorical(rng, COUNTRY_CUM)];
  const fi = rng.int(country.names.first.length);
  const li = rng.int(country.names.last.length);
  const firstName = country.names.first[fi];
  const lastName = country.names.last[li];
  const domain = EMAIL_DOMAINS[rng.int(EMAIL_DOMAINS.length)];
  const sep = rng.chance(0.7) ? '.' : '';
  // The customer number makes every address unique.
  const email = `${country.names.firstSlug[fi]}${sep}${country.names.lastSlug[li]}${index + 1}@${domain}`;
  const t0 = history.times[0];
  // In store you join at the till; online you may register a few days before buying.
  const lead = home === 'store' || rng.chance(0.55) ? 0 : Math.min(exponential(rng, 1 / 2), 30) * DAY;
  const signupDay = Math.floor((t0 - lead) / DAY);
  const loyalty = loyaltyTier(ctx, rng, home, orders);

  const truth: CustomerTruth = {
    ...latent,
    alive: history.alive,
    dropoutAt: history.dropoutAt,
    observationWeeks: history.observationWeeks,
    purchases: history.times.length,
    movedPurchases: history.moved,
  };
  const events = withEvents ? simulateEvents(ctx, index, { latent, history, home, orders }) : [];
  return {
    index,
    id: customerId(index),
    firstName,
    lastName,
    email,
    signupDay,
    signupChannel: home,
    country: country.name,
    loyaltyTier: loyalty,
    orders,
    events,
    truth,
  };
}
