/**
 * Per-customer predictions for millions of customers: the customers are compressed ONCE to
 * their distinct (x, t_x, T) histories, every model quantity is computed once per distinct
 * history, and spread back. CLV is lifetimes' `customer_lifetime_value` (a discounted cash
 * flow by period), using the factorisation every model here shares,
 * E[X(T, T+t] | x, t_x, T] = expectedIfAlive(t, x, T) · P(alive | x, t_x, T)
 * (FHL 2005 eq. (10) for BG/NBD): the first factor does not depend on t_x, so expected
 * purchases and the discounted stream are computed once per distinct (x, T) pair — tens of
 * thousands for a million customers — and only P(alive) once per distinct history.
 */
import { compressRows, type Compressed } from '../compress';
import { gammaGammaConditionalSpend, type GammaGammaParams } from '../gammaGamma';
import type { TransactionPredictor } from '../types';

export interface CustomerHistories {
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  /** Mean spend of the repeat purchases (0 without repeats). */
  readonly m: Float64Array;
}

export interface CashFlow {
  /** Periods in the horizon, each `periodLength` model units long. */
  readonly periods: number;
  readonly periodLength: number;
  /** Discount rate per period. */
  readonly discountRate: number;
  /** Share of spend that is profit. */
  readonly margin: number;
}

export interface CustomerPredictions {
  readonly pAlive: Float64Array;
  readonly expectedPurchases: Float64Array;
  readonly expectedSpend: Float64Array;
  readonly clv: Float64Array;
}

/** P(alive), expected purchases over `horizon`, Gamma-Gamma expected spend (note 025 eq. (5)) and CLV, per customer. */
export function predictCustomers(
  model: TransactionPredictor,
  spend: GammaGammaParams,
  data: CustomerHistories,
  horizon: number,
  flow: CashFlow,
  /** `compressRows([x, tx, T])` of `data`, when the caller has it already. */
  compressed?: Compressed,
): CustomerPredictions {
  const n = data.x.length;
  const c = compressed ?? compressRows([data.x, data.tx, data.T]);
  const [ux, utx, uT] = c.columns;
  const u = ux.length;
  const discount = Float64Array.from({ length: flow.periods }, (_, k) => Math.pow(1 + flow.discountRate, -(k + 1)));
  // The discounted purchase stream depends on (x, T) only: once per distinct pair.
  const pairs = compressRows([ux, uT]);
  const [px, pT] = pairs.columns;
  const pairStream = new Float64Array(px.length);
  for (let q = 0; q < px.length; q++) {
    let v = 0;
    let previous = 0;
    for (let k = 1; k <= flow.periods; k++) {
      const cumulative = model.expectedIfAlive(k * flow.periodLength, px[q], pT[q]);
      v += (cumulative - previous) * discount[k - 1];
      previous = cumulative;
    }
    pairStream[q] = v;
  }
  const pairHorizon = new Float64Array(px.length);
  for (let q = 0; q < px.length; q++) pairHorizon[q] = model.expectedIfAlive(horizon, px[q], pT[q]);
  const uAlive = new Float64Array(u);
  const uExpected = new Float64Array(u);
  const uStream = new Float64Array(u);
  for (let j = 0; j < u; j++) {
    const p = model.pAlive(ux[j], utx[j], uT[j]);
    const q = pairs.index[j];
    uAlive[j] = p;
    uExpected[j] = p * pairHorizon[q];
    uStream[j] = p * pairStream[q];
  }
  const pAlive = new Float64Array(n);
  const expectedPurchases = new Float64Array(n);
  const expectedSpend = new Float64Array(n);
  const clv = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = c.index[i];
    pAlive[i] = uAlive[j];
    expectedPurchases[i] = uExpected[j];
    const s = gammaGammaConditionalSpend(spend, data.x[i], data.m[i]);
    const e = Number.isFinite(s) ? s : data.m[i];
    expectedSpend[i] = e;
    clv[i] = e === 0 ? 0 : flow.margin * e * uStream[j];
  }
  return { pAlive, expectedPurchases, expectedSpend, clv };
}

/** Expected purchases in the next t units per customer (the holdout prediction), once per distinct history. */
export function expectedPurchasesIn(
  model: TransactionPredictor,
  data: { readonly x: Float64Array; readonly tx: Float64Array; readonly T: Float64Array },
  t: number,
  compressed?: Compressed,
): Float64Array {
  const c = compressed ?? compressRows([data.x, data.tx, data.T]);
  const [ux, utx, uT] = c.columns;
  const pairs = compressRows([ux, uT]);
  const [px, pT] = pairs.columns;
  const ifAlive = new Float64Array(px.length);
  for (let q = 0; q < px.length; q++) ifAlive[q] = model.expectedIfAlive(t, px[q], pT[q]);
  const values = new Float64Array(ux.length);
  for (let j = 0; j < ux.length; j++) values[j] = model.pAlive(ux[j], utx[j], uT[j]) * ifAlive[pairs.index[j]];
  const out = new Float64Array(c.index.length);
  for (let i = 0; i < out.length; i++) out[i] = values[c.index[i]];
  return out;
}
