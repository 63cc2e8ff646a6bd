/**
 * The purchase process: BG/NBD for when customers buy (Fader, Hardie & Lee 2005, "Counting your
 * customers the easy way: an alternative to the Pareto/NBD model", Marketing Science 24(2)) and
 * Gamma-Gamma for how much (Fader & Hardie 2013, "The Gamma-Gamma model of monetary value").
 *
 * Per customer: λ ~ Gamma(r, α) purchases per week, p ~ Beta(a, b), ν ~ Gamma(q, γ). The first
 * purchase opens the relationship (customer alive); while alive, inter-purchase times are
 * Exponential(λ); after each repeat purchase the customer drops out with probability p. Each
 * transaction is worth z ~ Gamma(p_GG, ν). Times run in the warp's operational time.
 */
import { Rng } from './random';
import { gamma, beta, exponential } from './distributions';
import { DAY, WEEK } from './time';
import type { SimulationContext } from './context';
import { DEMO_DEFAULTS } from './parameters';

/** Sub-stream keys: each purpose draws from its own stream (see Rng.keyed). */
export const STREAM = { latent: 1, purchases: 2, values: 3, basket: 4, profile: 5, returns: 6, events: 7 } as const;

export interface Latent {
  /** Purchase rate while alive, per week. */
  readonly lambda: number;
  /** Dropout probability after each repeat purchase. */
  readonly p: number;
  /** Gamma-Gamma rate: mean transaction value is p_GG/ν. */
  readonly nu: number;
  /** Calendar time of the first purchase (seconds). */
  readonly acquiredAt: number;
}

export interface PurchaseHistory {
  /** Calendar times (seconds) of all purchases, first purchase included, increasing, one per day at most. */
  readonly times: number[];
  /** Order values in cents, one per purchase. */
  readonly values: number[];
  /** Whether the customer is still alive at the end of the period. */
  readonly alive: boolean;
  /** Time of the purchase after which the customer dropped out, or null if alive. */
  readonly dropoutAt: number | null;
  /** Observation length T in operational weeks: from first purchase to the end. */
  readonly observationWeeks: number;
  /** Repeat purchases moved to the next day because one fell on the day of the previous one. */
  readonly moved: number;
}

/** First-purchase time: stratified (customer i in the i-th slice) so ids rise with acquisition. */
function acquisitionTime(ctx: SimulationContext, index: number, jitter: number): number {
  const y = (index + jitter) / ctx.options.customers;
  // Acquisition rate growing linearly by `growth` over the period; inverse of its CDF.
  const g = DEMO_DEFAULTS.acquisitionGrowth;
  const f = g === 0 ? y : (-1 + Math.sqrt(1 + 2 * g * y * (1 + g / 2))) / g;
  return ctx.warp.toCalendar(ctx.startU + f * (ctx.acquisitionEndU - ctx.startU));
}

export function drawLatent(ctx: SimulationContext, index: number): Latent {
  const { bgnbd, gammaGamma } = ctx.options;
  const rng = Rng.keyed(ctx.options.seed, index, STREAM.latent);
  const lambda = gamma(rng, bgnbd.r, bgnbd.alpha);
  const p = beta(rng, bgnbd.a, bgnbd.b);
  const nu = gamma(rng, gammaGamma.q, gammaGamma.gamma);
  const acquiredAt = acquisitionTime(ctx, index, rng.float());
  return { lambda, p, nu, acquiredAt };
}

export function simulatePurchases(ctx: SimulationContext, index: number, latent: Latent): PurchaseHistory {
  const { seed, gammaGamma } = ctx.options;
  const rng = Rng.keyed(seed, index, STREAM.purchases);
  const t0 = latent.acquiredAt;
  const times = [t0];
  let u = ctx.warp.toOperational(t0);
  const observationWeeks = (ctx.endU - u) / WEEK;
  let lastDay = Math.floor(t0 / DAY);
  let alive = true;
  let dropoutAt: number | null = null;
  let moved = 0;
  for (;;) {
    u += exponential(rng, latent.lambda) * WEEK;
    if (u >= ctx.endU) break;
    let t = ctx.warp.toCalendar(u);
    // One order per customer per day: analyses collapse purchases by day, and a same-day repeat
    // would vanish there and bias the fitted rate. Moving it a day later keeps the count exact.
    const day = Math.floor(t / DAY);
    if (day <= lastDay) {
      t += (lastDay + 1 - day) * DAY;
      moved++;
      if (t >= ctx.end) break;
    }
    lastDay = Math.floor(t / DAY);
    times.push(t);
    if (rng.float() < latent.p) {
      alive = false;
      dropoutAt = t;
      break;
    }
  }
  const valueRng = Rng.keyed(seed, index, STREAM.values);
  const values = times.map(() => Math.max(1, Math.round(100 * gamma(valueRng, gammaGamma.p, latent.nu))));
  return { times, values, alive, dropoutAt, observationWeeks, moved };
}
