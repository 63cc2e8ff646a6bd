/**
 * BG/BB model for discrete-time, noncontractual data (Fader, Hardie & Shang 2010,
 * "Customer-Base Analysis in a Discrete-Time Noncontractual Setting", Marketing Science
 * 29(6):1086–1108). Each period an active customer transacts with probability p ~ Beta(α, β)
 * and, at the start of each later period, becomes inactive with probability θ ~ Beta(γ, δ).
 * Data per customer: x transactions in n periods, the last in period t_x (input `T` = n).
 */
import { fitSpec, startValues, toFitResult, unfittable } from './fit';
import { fewRepeatBuyers, prepareRfm, unidentifiable, type RfmRows } from './rfm';
import { betaln, gammaln, logAddExp } from './special';
import type { FitOptions, FitResult, RfmInput } from './types';

export interface BgBbParams {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly delta: number;
}

const NAMES = ['alpha', 'beta', 'gamma', 'delta'] as const;

/**
 * ln L (eq. (5)): B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
 *   + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ).
 */
function logLik(p: BgBbParams, x: number, tx: number, n: number): number {
  const { alpha, beta, gamma, delta } = p;
  let s = betaln(alpha + x, beta + n - x) + betaln(gamma, delta + n);
  for (let i = 0; i <= n - tx - 1; i++) {
    s = logAddExp(s, betaln(alpha + x, beta + tx - x + i) + betaln(gamma + 1, delta + tx + i));
  }
  return s - betaln(alpha, beta) - betaln(gamma, delta);
}

function nll(rows: RfmRows, v: Float64Array): number {
  const p = { alpha: v[0], beta: v[1], gamma: v[2], delta: v[3] };
  let ll = 0;
  for (let i = 0; i < rows.x.length; i++) ll += rows.w[i] * logLik(p, rows.x[i], rows.tx[i], rows.T[i]);
  return -ll;
}

/** Maximum-likelihood fit of eq. (5); `T` holds the number of transaction opportunities n. */
export function fitBgBb(input: RfmInput, options: FitOptions<BgBbParams> = {}): FitResult<BgBbParams> {
  const rows = prepareRfm(input, true);
  const blockers = unidentifiable(rows);
  if (blockers.length) return unfittable<BgBbParams>('bg-bb', NAMES, rows.customers, blockers);
  const core = fitSpec(
    {
      model: 'bg-bb',
      names: NAMES,
      lower: new Float64Array(4),
      start: startValues<BgBbParams>(NAMES, [1, 1, 1, 1], options.initial),
      nll: (v) => nll(rows, v),
      analyticGradient: false,
      totalWeight: rows.customers,
    },
    options,
  );
  const [, , gamma, delta] = core.params;
  const notes = fewRepeatBuyers(rows);
  if (gamma / (gamma + delta) < 1e-3) {
    notes.push(
      `The data show no sign of drop-out: the estimated chance of becoming inactive each period is ${(gamma / (gamma + delta)).toExponential(1)}, ` +
        'so every customer is predicted to stay active. Use more periods of data, or a model without drop-out.',
    );
  }
  return toFitResult<BgBbParams>('bg-bb', NAMES, core, rows.customers, notes);
}

/** P(active in period n+1 | x, t_x, n) (FHS 2010, appendix): B(α+x, β+n−x)/B(α,β) · B(γ, δ+n+1)/B(γ,δ) / L. */
export function bgBbPAlive(p: BgBbParams, x: number, tx: number, n: number): number {
  const num = betaln(p.alpha + x, p.beta + n - x) - betaln(p.alpha, p.beta) + betaln(p.gamma, p.delta + n + 1) - betaln(p.gamma, p.delta);
  return Math.min(1, Math.exp(num - logLik(p, x, tx, n)));
}

/**
 * Expected transactions in the next `periods` opportunities (eq. (13)), written as the sum
 * over future periods j of P(active at n+j)·E[p | history]; the sum form stays exact at γ = 1
 * where the closed form's δ/(γ−1) factor reads 0/0.
 */
export function bgBbConditionalExpected(p: BgBbParams, periods: number, x: number, tx: number, n: number): number {
  const lead = betaln(p.alpha + x + 1, p.beta + n - x) - betaln(p.alpha, p.beta) - betaln(p.gamma, p.delta) - logLik(p, x, tx, n);
  let s = 0;
  for (let j = 1; j <= periods; j++) s += Math.exp(lead + betaln(p.gamma, p.delta + n + j));
  return s;
}

/**
 * Expected transactions of a new customer in the first n opportunities, in sum form:
 * E[p]·Σ_{j=1..n} P(active at j) = α/(α+β) · Σ_j B(γ, δ+j)/B(γ,δ).
 */
export function bgBbExpected(p: BgBbParams, n: number): number {
  const lbGD = betaln(p.gamma, p.delta);
  let s = 0;
  for (let j = 1; j <= n; j++) s += Math.exp(betaln(p.gamma, p.delta + j) - lbGD);
  return (p.alpha / (p.alpha + p.beta)) * s;
}

/**
 * P(X(n) = x) for a new customer (eq. (7)):
 * C(n,x) B(α+x, β+n−x)/B(α,β) B(γ, δ+n)/B(γ,δ) + Σ_{i=x}^{n−1} C(i,x) B(α+x, β+i−x)/B(α,β) B(γ+1, δ+i)/B(γ,δ).
 */
export function bgBbProbability(p: BgBbParams, n: number, x: number): number {
  const lnChoose = (a: number, b: number): number => gammaln(a + 1) - gammaln(b + 1) - gammaln(a - b + 1);
  const base = -betaln(p.alpha, p.beta) - betaln(p.gamma, p.delta);
  let s = Math.exp(lnChoose(n, x) + betaln(p.alpha + x, p.beta + n - x) + betaln(p.gamma, p.delta + n) + base);
  for (let i = x; i <= n - 1; i++) {
    s += Math.exp(lnChoose(i, x) + betaln(p.alpha + x, p.beta + i - x) + betaln(p.gamma + 1, p.delta + i) + base);
  }
  return s;
}
