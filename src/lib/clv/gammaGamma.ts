/**
 * Gamma-Gamma model of spend per transaction (Colombo & Jiang 1999; Fader, Hardie & Lee
 * 2005, "RFM and CLV", JMR 42(4); Fader & Hardie 2013, "The Gamma-Gamma Model of Monetary
 * Value", brucehardie.com/notes/025). A customer's transaction values are Gamma(p, ν) with
 * ν ~ Gamma(q, γ) across customers; the mean m of x repeat transactions is then
 * Gamma(px, νx); mixing over ν gives the density of m fitted here (note 025, generalising its
 * eq. (1) from one transaction to x):
 *
 *   f(m | p, q, γ, x) = Γ(px+q)/(Γ(px)Γ(q)) · γ^q m^{px−1} x^{px} / (γ + m x)^{px+q}
 *
 * The model assumes spend is independent of purchase frequency; the fit reports the observed
 * correlation so that assumption can be checked.
 */
import { factorize, type Factor } from './compress';
import { weightedCorrelation } from './correlation';
import { ClvError } from './errors';
import { fitSpec, startValues, toFitResult, unfittable, type ModelSpec } from './fit';
import { digamma, gammaln } from './special';
import type { FitOptions, FitResult } from './types';

export interface GammaGammaParams {
  readonly p: number;
  readonly q: number;
  readonly gamma: number;
}

export interface SpendInput {
  /** Repeat purchases per customer; customers with x = 0 are left out of the fit. */
  readonly x: ArrayLike<number>;
  /** Mean spend of those repeat purchases. */
  readonly m: ArrayLike<number>;
  readonly weights?: ArrayLike<number>;
}

export interface GammaGammaOptions extends FitOptions<GammaGammaParams> {
  /** Keep q above 1 so that the population mean spend pγ/(q−1) is finite. */
  readonly constrainQ?: boolean;
}

export interface GammaGammaFitResult extends FitResult<GammaGammaParams> {
  /** Correlation between x and m across the customers used; the model assumes it is ≈ 0. */
  readonly spendFrequencyCorrelation: number;
}

const NAMES = ['p', 'q', 'gamma'] as const;
/** Above this many repeat buyers, start from a fit to a subsample. */
const WARM_START_ROWS = 40000;
/** |correlation| above which the independence assumption is flagged. */
const CORRELATION_LIMIT = 0.3;

/**
 * Spend data arranged so one likelihood evaluation costs a single log per customer: the
 * gamma-function terms depend on x only (once per distinct x), and Σ w ln m, Σ w x ln m
 * do not depend on the parameters at all.
 */
interface SpendData {
  readonly x: Float64Array;
  readonly m: Float64Array;
  readonly w: Float64Array;
  readonly levels: Factor;
  readonly levelW: Float64Array;
  readonly sumWLnM: number;
  readonly sumWXLnM: number;
}

function prepareSpend(x: Float64Array, m: Float64Array, w: Float64Array): SpendData {
  const levels = factorize(x);
  const levelW = new Float64Array(levels.values.length);
  let sumWLnM = 0;
  let sumWXLnM = 0;
  for (let i = 0; i < x.length; i++) {
    levelW[levels.codes[i]] += w[i];
    const lnM = Math.log(m[i]);
    sumWLnM += w[i] * lnM;
    sumWXLnM += w[i] * x[i] * lnM;
  }
  return { x, m, w, levels, levelW, sumWLnM, sumWXLnM };
}

function nll(d: SpendData, par: Float64Array, grad: Float64Array | null): number {
  const p = par[0];
  const q = par[1];
  const g = par[2];
  const lgQ = gammaln(q);
  const lnG = Math.log(g);
  const psiQ = grad ? digamma(q) : 0;
  // (px − 1) ln m summed over customers, from the precomputed sums.
  let ll = p * d.sumWXLnM - d.sumWLnM;
  let gp = d.sumWXLnM;
  let gq = 0;
  let gg = 0;
  const xs = d.levels.values;
  for (let j = 0; j < xs.length; j++) {
    const x = xs[j];
    const W = d.levelW[j];
    const px = p * x;
    const lnX = Math.log(x);
    ll += W * (gammaln(px + q) - gammaln(px) - lgQ + q * lnG + px * lnX);
    if (grad) {
      const psiPQ = digamma(px + q);
      gp += W * x * (psiPQ - digamma(px) + lnX);
      gq += W * (psiPQ - psiQ + lnG);
      gg += (W * q) / g;
    }
  }
  const { x, m, w } = d;
  for (let i = 0; i < x.length; i++) {
    const gmx = g + m[i] * x[i];
    const lnGmx = Math.log(gmx);
    const a = p * x[i] + q;
    ll -= w[i] * a * lnGmx;
    if (grad) {
      gp -= w[i] * x[i] * lnGmx;
      gq -= w[i] * lnGmx;
      gg -= (w[i] * a) / gmx;
    }
  }
  if (grad) {
    grad[0] = -gp;
    grad[1] = -gq;
    grad[2] = -gg;
  }
  return -ll;
}

export function fitGammaGamma(input: SpendInput, options: GammaGammaOptions = {}): GammaGammaFitResult {
  const n = input.x.length;
  if (input.m.length !== n || (input.weights && input.weights.length !== n)) {
    throw new ClvError('x, m (and weights) must have the same length.', 'Pass one value per customer in each array.');
  }
  // Mean spend is continuous, so rows are almost never identical: no compression, just a filter.
  const x = new Float64Array(n);
  const m = new Float64Array(n);
  const w = new Float64Array(n);
  let kept = 0;
  let nonPositive = 0;
  let customers = 0;
  let meanM = 0;
  for (let i = 0; i < n; i++) {
    const xi = input.x[i];
    const mi = input.m[i];
    const wi = input.weights ? input.weights[i] : 1;
    if (!(xi > 0) || !(wi > 0)) continue;
    if (!(mi > 0) || !Number.isFinite(mi)) {
      nonPositive += wi;
      continue;
    }
    x[kept] = xi;
    m[kept] = mi;
    w[kept] = wi;
    kept++;
    customers += wi;
    meanM += wi * mi;
  }
  meanM /= customers || 1;
  const data = prepareSpend(x.subarray(0, kept), m.subarray(0, kept), w.subarray(0, kept));
  const notes: string[] = [];
  if (nonPositive > 0) {
    notes.push(
      `${nonPositive} repeat buyers with zero, negative or missing mean spend were left out (refunds can cause this); ` +
        'the model describes positive spend only.',
    );
  }
  const correlation = weightedCorrelation(data.x, data.m, data.w);
  if (customers === 0) {
    const r = unfittable<GammaGammaParams>('gamma-gamma', NAMES, 0, [
      'No customer has a repeat purchase with positive spend, so there is no spend per repeat purchase to model. ' +
        'Use a longer calibration period, or check the amount column.',
      ...notes,
    ]);
    return { ...r, spendFrequencyCorrelation: NaN };
  }
  const constrain = options.constrainQ === true;
  const lower = Float64Array.of(0, constrain ? 1 : 0, 0);
  // Start at p = 1, q = 2 and γ matching the observed mean spend (E[M] = pγ/(q−1)).
  const start = startValues<GammaGammaParams>(NAMES, [1, 2, Math.max(meanM, 1e-6)], options.initial);
  const spec = (d: SpendData, from: Float64Array, weight: number): ModelSpec => ({
    model: 'gamma-gamma',
    names: NAMES,
    lower,
    start: from,
    scale: start,
    nll: (p, g) => nll(d, p, g),
    analyticGradient: true,
    totalWeight: weight,
  });
  // Many repeat buyers: converge on a systematic subsample first (every k-th customer, weight ×k),
  // then polish on everyone from there with the subsample's curvature — a few passes over all rows.
  let from = start;
  let curvature = options.initialInverseHessian;
  let warmIterations = 0;
  if (kept > WARM_START_ROWS && !options.initialInverseHessian) {
    const k = Math.ceil(kept / (WARM_START_ROWS / 4));
    const m = Math.ceil(kept / k);
    const pick = (col: Float64Array, scale: number): Float64Array => Float64Array.from({ length: m }, (_, j) => col[j * k] * scale);
    const sub = prepareSpend(pick(data.x, 1), pick(data.m, 1), pick(data.w, k));
    const warm = fitSpec(spec(sub, start, customers), options);
    if (warm.params.every((v, i) => Number.isFinite(v) && v > lower[i])) {
      from = warm.params;
      curvature = warm.inverseHessian ?? undefined;
      warmIterations = warm.iterations;
    }
  }
  const full = fitSpec(spec(data, from, customers), { ...options, initialInverseHessian: curvature });
  const core = { ...full, iterations: full.iterations + warmIterations };
  const q = core.params[1];
  if (q <= 1 || (constrain && q - 1 < 1e-3)) {
    notes.push(
      `q = ${q.toPrecision(3)}${constrain ? ' sits on its lower limit of 1' : ' is at most 1'}: the fitted spread of spend across customers ` +
        'is so heavy-tailed that the average spend per transaction has no finite value, so a new customer\'s expected spend is infinite ' +
        'and each known customer\'s estimate leans on their own history alone. A few extreme spenders usually cause this: check for ' +
        `outliers or bulk orders${constrain ? '' : ', or refit with { constrainQ: true } to keep q above 1'}.`,
    );
  }
  if (Math.abs(correlation) > CORRELATION_LIMIT) {
    notes.push(
      `Spend per purchase and purchase frequency are correlated (r = ${correlation.toFixed(2)}); the Gamma-Gamma model assumes they ` +
        'are independent, so its spend estimates will be biased for the most and least frequent buyers.',
    );
  }
  return { ...toFitResult<GammaGammaParams>('gamma-gamma', NAMES, core, customers, notes), spendFrequencyCorrelation: correlation };
}

/** Population mean spend per transaction, pγ/(q−1); infinite when q ≤ 1. */
export function gammaGammaMeanSpend(par: GammaGammaParams): number {
  return par.q > 1 ? (par.p * par.gamma) / (par.q - 1) : Infinity;
}

/**
 * Expected spend per transaction of a customer with x repeat purchases averaging m
 * (note 025, eq. (5)): p(γ + m x)/(px + q − 1), a weighted mean of the population mean and m.
 */
export function gammaGammaConditionalSpend(par: GammaGammaParams, x: number, m: number): number {
  if (!(x > 0)) return gammaGammaMeanSpend(par);
  const den = par.p * x + par.q - 1;
  return den > 0 ? (par.p * (par.gamma + m * x)) / den : Infinity;
}
