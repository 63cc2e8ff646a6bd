/**
 * Pareto/NBD model (Schmittlein, Morrison & Colombo 1987), in the notation and equation
 * numbers of Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related
 * Expressions" (brucehardie.com/notes/009). Purchase rate λ ~ Gamma(r, α); exponential
 * lifetime with rate μ ~ Gamma(s, β).
 *
 * The likelihood needs A₀ (eqs. (19)–(20)), a difference of two Gauss 2F1 terms each divided
 * by (max(α,β)+y)^{r+s+x}. For heavy buyers those pieces overflow or cancel (CLVTools issue
 * #100), so everything here is done in logs: Euler's transformation gives each piece a
 * positive, decreasing series (hypergeometric.ts), and where that series would converge too
 * slowly (z near 1 with few purchases) A₀ is integrated directly from its definition as a
 * positive integral (quadrature.ts).
 */
import { fitSpec, startValues, toFitResult, unfittable } from './fit';
import { logHyp2f1One } from './hypergeometric';
import { logIntegrate } from './quadrature';
import { fewRepeatBuyers, prepareRfm, unidentifiable, type RfmRows } from './rfm';
import { expm1Ratio, gammaln, log1mExp, logAddExp, logistic } from './special';
import type { FitOptions, FitResult, RfmInput, TransactionPredictor } from './types';

export interface ParetoNbdParams {
  readonly r: number;
  readonly alpha: number;
  readonly s: number;
  readonly beta: number;
}

const NAMES = ['r', 'alpha', 's', 'beta'] as const;

/**
 * ln F(y), F(y) = (M+y)^{−(r+s+x)} 2F1(r+s+x, b'; r+s+x+1; |α−β|/(M+y)) with M = max(α, β) and
 * b' = s+1 (α ≥ β, eq. (19)) or r+x (α < β, eq. (20)), after Euler's transformation.
 * F(y) equals (r+s+x)·∫_y^∞ (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ.
 */
function logF(r: number, alpha: number, s: number, beta: number, x: number, y: number): number {
  const c = r + s + x + 1;
  if (alpha >= beta) {
    const z = (alpha - beta) / (alpha + y);
    return -(r + x) * Math.log(alpha + y) - s * Math.log(beta + y) + logHyp2f1One(r + x, c, z);
  }
  const z = (beta - alpha) / (beta + y);
  return -(r + x - 1) * Math.log(alpha + y) - (s + 1) * Math.log(beta + y) + logHyp2f1One(s + 1, c, z);
}

/** ln J, J = ∫_{t_x}^{T} (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ, integrated in v = ln(min(α,β) + τ). */
function logIntegralA0(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number): number {
  const aSmall = alpha < beta;
  const m = aSmall ? alpha : beta;
  const diff = Math.abs(alpha - beta);
  const pm = aSmall ? r + x : s + 1; // exponent on (min + τ)
  const pM = aSmall ? s + 1 : r + x; // exponent on (max + τ)
  const lo = Math.log(m + tx);
  const hi = Math.log(m + T);
  const phi = (v: number): number => (1 - pm) * v - pM * Math.log(diff + Math.exp(v));
  // φ is concave: its maximum (the scale for the quadrature) is where φ' = 0, clamped to [lo, hi].
  const w = (1 - pm) / pM;
  const vStar = w <= 0 ? lo : w >= 1 ? hi : Math.min(hi, Math.max(lo, Math.log((diff * w) / (1 - w))));
  return logIntegrate(phi, phi(vStar), lo, hi);
}

/** ln A₀ (eqs. (19)–(20)); −∞ when t_x = T (A₀ = 0). */
export function paretoLogA0(r: number, alpha: number, s: number, beta: number, x: number, tx: number, T: number): number {
  if (!(T > tx)) return -Infinity;
  const l1 = logF(r, alpha, s, beta, x, tx);
  const l2 = Number.isNaN(l1) ? NaN : logF(r, alpha, s, beta, x, T);
  if (!Number.isNaN(l2)) return l1 + log1mExp(Math.min(l2 - l1, 0));
  // The series would need too many terms (z near 1): integrate A₀'s definition instead.
  return Math.log(r + s + x) + logIntegralA0(r, alpha, s, beta, x, tx, T);
}

/** Y and Z of eq. (18) written as L = e^X·(e^Y + e^Z), X = ln Γ(r+x)/Γ(r) + r ln α + s ln β. */
function pieces(p: ParetoNbdParams, x: number, tx: number, T: number): [number, number] {
  const { r, alpha, s, beta } = p;
  const Y = -(r + x) * Math.log(alpha + T) - s * Math.log(beta + T);
  const Z = Math.log(s) - Math.log(r + s + x) + paretoLogA0(r, alpha, s, beta, x, tx, T);
  return [Y, Z];
}

function nll(rows: RfmRows, p: Float64Array): number {
  const params = { r: p[0], alpha: p[1], s: p[2], beta: p[3] };
  const lgR = gammaln(params.r);
  const base = params.r * Math.log(params.alpha) + params.s * Math.log(params.beta) - lgR;
  let ll = 0;
  let lastX = -1;
  let lgRX = 0;
  for (let i = 0; i < rows.x.length; i++) {
    const x = rows.x[i];
    if (x !== lastX) {
      lgRX = gammaln(params.r + x);
      lastX = x;
    }
    const [Y, Z] = pieces(params, x, rows.tx[i], rows.T[i]);
    ll += rows.w[i] * (lgRX + base + logAddExp(Y, Z));
  }
  return -ll;
}

/** Maximum-likelihood fit of eq. (18) (gradient by central differences). */
export function fitParetoNbd(input: RfmInput, options: FitOptions<ParetoNbdParams> = {}): FitResult<ParetoNbdParams> {
  const rows = prepareRfm(input);
  const blockers = unidentifiable(rows);
  if (blockers.length) return unfittable<ParetoNbdParams>('pareto-nbd', NAMES, rows.customers, blockers);
  const alpha0 = Math.max(rows.meanT / Math.max(rows.meanX, 1e-3), 1e-3);
  const start = startValues<ParetoNbdParams>(NAMES, [1, alpha0, 1, Math.max(rows.meanT, 1e-3)], options.initial);
  const core = fitSpec(
    {
      model: 'pareto-nbd',
      names: NAMES,
      lower: new Float64Array(4),
      start,
      nll: (p) => nll(rows, p),
      analyticGradient: false,
      totalWeight: rows.customers,
    },
    options,
  );
  const [, , s, beta] = core.params;
  const notes = fewRepeatBuyers(rows);
  // Chance that an average customer drops out within the typical observation window.
  const dropout = -Math.expm1(s * Math.log(beta / (beta + rows.meanT)));
  if (dropout < 1e-3) {
    notes.push(
      `The data show no sign of drop-out: an average customer would become inactive within the observed window with ` +
        `probability ${dropout.toExponential(1)} (s = ${s.toPrecision(3)}, β = ${beta.toPrecision(3)}), so the model has collapsed ` +
        'to the NBD and P(alive) is ≈ 1 for everyone. Use a longer calibration period, or a model without drop-out.',
    );
  }
  return toFitResult<ParetoNbdParams>('pareto-nbd', NAMES, core, rows.customers, notes);
}

/** P(alive | x, t_x, T) = 1 / (1 + e^{Z−Y}) (note, §5: the first term of eq. (18) over L). Always in [0, 1]. */
export function paretoNbdPAlive(p: ParetoNbdParams, x: number, tx: number, T: number): number {
  const [Y, Z] = pieces(p, x, tx, T);
  return logistic(Y - Z);
}

/**
 * Expected purchases in (T, T+t] (eq. (41)):
 * (r+x)(β+T)/((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^{s−1}] · P(alive); continuous at s = 1.
 */
export function paretoNbdConditionalExpected(p: ParetoNbdParams, t: number, x: number, tx: number, T: number): number {
  if (!(t > 0)) return 0;
  return paretoNbdExpectedIfAlive(p, t, x, T) * paretoNbdPAlive(p, x, tx, T);
}

/** The first factor of eq. (41): expected purchases in (T, T+t] for a customer active at T. */
export function paretoNbdExpectedIfAlive(p: ParetoNbdParams, t: number, x: number, T: number): number {
  if (!(t > 0)) return 0;
  const { r, alpha, s, beta } = p;
  return (((r + x) * (beta + T)) / (alpha + T)) * expm1Ratio(s - 1, Math.log((beta + T) / (beta + T + t)));
}

/** The fitted model as a predictor for `customerLifetimeValue`. */
export function paretoNbdPredictor(p: ParetoNbdParams): TransactionPredictor {
  return {
    pAlive: (x, tx, T) => paretoNbdPAlive(p, x, tx, T),
    expectedIfAlive: (t, x, T) => paretoNbdExpectedIfAlive(p, t, x, T),
  };
}

/** Expected purchases of a new customer in (0, t] (eq. (27)): rβ/(α(s−1))·[1 − (β/(β+t))^{s−1}]. */
export function paretoNbdExpected(p: ParetoNbdParams, t: number): number {
  if (!(t > 0)) return 0;
  return ((p.r * p.beta) / p.alpha) * expm1Ratio(p.s - 1, Math.log(p.beta / (p.beta + t)));
}
