/**
 * MBG/NBD model (Batislam, Denizel & Filiztekin 2007, "Empirical validation and comparison
 * of models for customer base analysis", IJRM 24(3):201–209): BG/NBD where a customer may
 * also drop out right after the first purchase, so non-repeaters are not all "alive".
 * Formulas in betaGeoCore.ts (with k = x + 1).
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

export type ModifiedBgNbdParams = BetaGeoParams;

export function fitModifiedBgNbd(input: RfmInput, options?: FitOptions<ModifiedBgNbdParams>): FitResult<ModifiedBgNbdParams> {
  return fitBetaGeo('mbg', input, options);
}

/** P(alive) = 1 / (1 + a/(b+x) · ((α+T)/(α+t_x))^{r+x}), for every x including 0. */
export function modifiedBgNbdPAlive(p: ModifiedBgNbdParams, x: number, tx: number, T: number): number {
  return betaGeoPAlive('mbg', p, x, tx, T);
}

export function modifiedBgNbdConditionalExpected(p: ModifiedBgNbdParams, t: number, x: number, tx: number, T: number): number {
  return betaGeoConditionalExpected('mbg', p, t, x, tx, T);
}

/** E[X(t)] = b/(a−1)·[1 − (α/(α+t))^r 2F1(r, b+1; a+b; t/(α+t))]. */
export function modifiedBgNbdExpected(p: ModifiedBgNbdParams, t: number): number {
  return betaGeoExpected('mbg', p, t);
}

export function modifiedBgNbdProbability(p: ModifiedBgNbdParams, t: number, k: number): number {
  return betaGeoProbability('mbg', p, t, k);
}

/** The fitted model as a predictor for `customerLifetimeValue`. */
export function modifiedBgNbdPredictor(p: ModifiedBgNbdParams): TransactionPredictor {
  return {
    pAlive: (x, tx, T) => betaGeoPAlive('mbg', p, x, tx, T),
    expectedIfAlive: (t, x, T) => betaGeoExpectedIfAlive('mbg', p, t, x, T),
  };
}
