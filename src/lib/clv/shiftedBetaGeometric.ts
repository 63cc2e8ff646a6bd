/**
 * Shifted-beta-geometric (sBG) model of contract renewals (Fader & Hardie 2007, "How to
 * Project Customer Retention", Journal of Interactive Marketing 21(1):76–90). Each customer
 * churns at each renewal with probability θ ~ Beta(α, β). With cohort survivor counts
 * S₀ ≥ S₁ ≥ … ≥ S_k, the n_t = S_{t−1} − S_t customers lost in period t contribute
 * P(T = t) and the S_k still active contribute S(k):
 *
 *   P(T = t) = B(α+1, β+t−1)/B(α,β),  S(t) = B(α, β+t)/B(α,β)      (§3 of the paper)
 *   LL = Σ_t n_t ln P(T = t) + S_k ln S(k)                           (appendix, eq. (B3))
 */
import { ClvError } from './errors';
import { fitSpec, startValues, toFitResult, unfittable } from './fit';
import { betaln } from './special';
import type { FitOptions, FitResult } from './types';

export interface SbgParams {
  readonly alpha: number;
  readonly beta: number;
}

const NAMES = ['alpha', 'beta'] as const;

function nll(survivors: ArrayLike<number>, v: Float64Array): number {
  const alpha = v[0];
  const beta = v[1];
  const lbAB = betaln(alpha, beta);
  const k = survivors.length - 1;
  let ll = survivors[k] * (betaln(alpha, beta + k) - lbAB);
  for (let t = 1; t <= k; t++) {
    const lost = survivors[t - 1] - survivors[t];
    if (lost > 0) ll += lost * (betaln(alpha + 1, beta + t - 1) - lbAB);
  }
  return -ll;
}

/**
 * Fit from survivor counts of one cohort: `survivors[0]` is the cohort size at the start,
 * `survivors[t]` the number still active after t renewal opportunities.
 */
export function fitShiftedBetaGeometric(survivors: ArrayLike<number>, options: FitOptions<SbgParams> = {}): FitResult<SbgParams> {
  if (survivors.length < 2) {
    throw new ClvError('At least two survivor counts are needed (the cohort size and one later count).', 'Pass [cohort size, survivors after period 1, …].');
  }
  for (let t = 0; t < survivors.length; t++) {
    const s = survivors[t];
    if (!(s >= 0) || !Number.isFinite(s) || (t > 0 && s > survivors[t - 1])) {
      throw new ClvError(
        `Survivor count ${t} (${s}) is not a number between 0 and the previous count.`,
        'Survivor counts of one cohort can only stay level or fall over time.',
      );
    }
  }
  const n0 = survivors[0];
  const last = survivors[survivors.length - 1];
  if (n0 === 0) return unfittable<SbgParams>('shifted-beta-geometric', NAMES, 0, ['The cohort is empty: there is nobody whose renewals could be modelled.']);
  if (last === n0) {
    return unfittable<SbgParams>('shifted-beta-geometric', NAMES, n0, [
      'Nobody in the cohort has churned yet, so the churn rate cannot be estimated (only that it is small). Wait for more renewal periods.',
    ]);
  }
  const core = fitSpec(
    {
      model: 'shifted-beta-geometric',
      names: NAMES,
      lower: new Float64Array(2),
      start: startValues<SbgParams>(NAMES, [1, 1], options.initial),
      nll: (v) => nll(survivors, v),
      analyticGradient: false,
      totalWeight: n0,
    },
    options,
  );
  const notes: string[] = [];
  if (last === 0) {
    notes.push('Every customer in the cohort has churned; the fit describes their churn but there is no one left to project.');
  }
  if (survivors.length < 4) {
    notes.push('With fewer than three periods of renewals the spread of churn rates (and so the long-run retention) is poorly determined.');
  }
  return toFitResult<SbgParams>('shifted-beta-geometric', NAMES, core, n0, notes);
}

/** S(t): share of a new cohort still active after t renewal opportunities. */
export function sbgSurvival(p: SbgParams, t: number): number {
  return Math.exp(betaln(p.alpha, p.beta + t) - betaln(p.alpha, p.beta));
}

/** P(T = t): share of a new cohort that churns at renewal t (t ≥ 1). */
export function sbgChurnProbability(p: SbgParams, t: number): number {
  return Math.exp(betaln(p.alpha + 1, p.beta + t - 1) - betaln(p.alpha, p.beta));
}

/** Retention rate at renewal t, S(t)/S(t−1) = (β+t−1)/(α+β+t−1); it rises with t as the least loyal leave. */
export function sbgRetentionRate(p: SbgParams, t: number): number {
  return (p.beta + t - 1) / (p.alpha + p.beta + t - 1);
}
