/**
 * BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way",
 * Marketing Science 24(2):275–284). Parameters: purchase rate λ ~ Gamma(r, α); drop-out
 * probability after each repeat purchase p ~ Beta(a, b). Formulas in betaGeoCore.ts.
 */
import {
  betaGeoConditionalExpected,
  betaGeoExpected,
  betaGeoExpectedIfAlive,
  betaGeoPAlive,
  betaGeoProbability,
  type BetaGeoParams,
} from './betaGeoCore';
import { fitBetaGeo } from './betaGeoFit';
import type { FitOptions, FitResult, RfmInput, TransactionPredictor } from './types';

export type BgNbdParams = BetaGeoParams;

/** Maximum-likelihood fit of eq. (6) to per-customer (x, t_x, T). */
export function fitBgNbd(input: RfmInput, options?: FitOptions<BgNbdParams>): FitResult<BgNbdParams> {
  return fitBetaGeo('bg', input, options);
}

/** Probability that a customer with history (x, t_x, T) is still active at T. */
export function bgNbdPAlive(p: BgNbdParams, x: number, tx: number, T: number): number {
  return betaGeoPAlive('bg', p, x, tx, T);
}

/** Expected repeat purchases in the next t time units (eq. (10)). */
export function bgNbdConditionalExpected(p: BgNbdParams, t: number, x: number, tx: number, T: number): number {
  return betaGeoConditionalExpected('bg', p, t, x, tx, T);
}

/** Expected repeat purchases of a new customer in (0, t] (eq. (9)). */
export function bgNbdExpected(p: BgNbdParams, t: number): number {
  return betaGeoExpected('bg', p, t);
}

/** P(X(t) = k) for a new customer (eq. (8)). */
export function bgNbdProbability(p: BgNbdParams, t: number, k: number): number {
  return betaGeoProbability('bg', p, t, k);
}

/** The fitted model as a predictor for `customerLifetimeValue`. */
export function bgNbdPredictor(p: BgNbdParams): TransactionPredictor {
  return {
    pAlive: (x, tx, T) => betaGeoPAlive('bg', p, x, tx, T),
    expectedIfAlive: (t, x, T) => betaGeoExpectedIfAlive('bg', p, t, x, T),
  };
}
