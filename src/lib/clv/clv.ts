/**
 * Customer lifetime value over a finite horizon as a discounted cash flow by period, the way
 * lifetimes' `customer_lifetime_value` does it: for each period k = 1…K, the expected
 * purchases in that period (difference of the model's cumulative conditional expectation)
 * times expected spend times margin, discounted by (1 + d)^k.
 *
 * Every model's conditional expectation is expectedIfAlive(t, x, T) · P(alive | x, t_x, T),
 * so the discounted purchase stream is summed once per distinct (x, T) pair and each
 * customer only adds a P(alive) evaluation: fast for millions of customers.
 */
import { factorize } from './compress';
import { ClvError } from './errors';
import type { TransactionPredictor } from './types';

export interface ClvOptions {
  /** Per-customer history in model time units. */
  readonly data: { readonly x: ArrayLike<number>; readonly tx: ArrayLike<number>; readonly T: ArrayLike<number> };
  /** The fitted transaction model, e.g. `bgNbdPredictor(fit.params)`. */
  readonly model: TransactionPredictor;
  /** Expected spend per purchase for each customer (e.g. Gamma-Gamma conditional spend). */
  readonly spend: ArrayLike<number>;
  /** Number of periods in the horizon (e.g. 12 months). */
  readonly periods: number;
  /** Length of one period in model time units (e.g. 4.345 weeks per month). */
  readonly periodLength: number;
  /** Discount rate per period (e.g. 0.01 a month); 0 for undiscounted. */
  readonly discountRate: number;
  /** Share of spend that is profit (default 1: value in revenue). */
  readonly margin?: number;
}

function check(o: ClvOptions): void {
  if (!Number.isInteger(o.periods) || o.periods < 0) throw new ClvError(`periods = ${o.periods}`, 'The horizon is a whole number of periods ≥ 0.');
  if (!(o.periodLength > 0)) throw new ClvError(`periodLength = ${o.periodLength}`, 'A period must last a positive time (e.g. 4.345 weeks for a month).');
  if (!(o.discountRate > -1) || !Number.isFinite(o.discountRate)) {
    throw new ClvError(`discountRate = ${o.discountRate}`, 'Use a rate per period such as 0.01 for 1 %.');
  }
  const n = o.data.x.length;
  if (o.data.tx.length !== n || o.data.T.length !== n || o.spend.length !== n) {
    throw new ClvError('x, t_x, T and spend must have the same length.', 'Pass one value per customer in each array.');
  }
}

/** Present value of each customer's expected purchases over the horizon; one value per customer. */
export function customerLifetimeValue(o: ClvOptions): Float64Array {
  check(o);
  const { x, tx, T } = o.data;
  const n = x.length;
  const margin = o.margin ?? 1;
  const discount = Float64Array.from({ length: o.periods }, (_, k) => Math.pow(1 + o.discountRate, -(k + 1)));
  const xs = factorize(x);
  const Ts = factorize(T);
  const nT = Ts.values.length;
  // Discounted purchases-if-active per (x, T) pair, computed on first use.
  const stream = new Map<number, number>();
  const streamOf = (ix: number, iT: number): number => {
    const key = ix * nT + iT;
    let v = stream.get(key);
    if (v === undefined) {
      const xv = xs.values[ix];
      const Tv = Ts.values[iT];
      v = 0;
      let previous = 0;
      for (let k = 1; k <= o.periods; k++) {
        const cumulative = o.model.expectedIfAlive(k * o.periodLength, xv, Tv);
        v += (cumulative - previous) * discount[k - 1];
        previous = cumulative;
      }
      stream.set(key, v);
    }
    return v;
  };
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = o.spend[i];
    if (s === 0) continue;
    out[i] = margin * s * o.model.pAlive(x[i], tx[i], T[i]) * streamOf(xs.codes[i], Ts.codes[i]);
  }
  return out;
}
