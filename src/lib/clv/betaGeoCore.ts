/**
 * The machinery shared by BG/NBD (Fader, Hardie & Lee 2005, "Counting Your Customers the
 * Easy Way", Marketing Science 24(2)) and MBG/NBD (Batislam, Denizel & Filiztekin 2007,
 * IJRM 24(3)). Both mix Poisson purchasing (rate λ ~ Gamma(r, α)) with a drop-out chance p
 * ~ Beta(a, b) taken after each purchase; MBG/NBD also allows drop-out right after the first
 * purchase. Writing k = x for BG/NBD and k = x + 1 for MBG/NBD makes the formulas coincide:
 *
 *   L = B(a, b+k)/B(a,b) · Γ(r+x)α^r / (Γ(r)(α+T)^{r+x})
 *     + [x>0 or MBG] B(a+1, b+k−1)/B(a,b) · Γ(r+x)α^r / (Γ(r)(α+t_x)^{r+x})
 *
 * which is FHL eq. (6) for BG/NBD and Batislam et al.'s likelihood for MBG/NBD.
 */
import { factorize, type Factor } from './compress';
import { betaln, digamma, expm1Ratio, gammaln, hyp2f1, logistic } from './special';
import type { RfmRows } from './rfm';

export type BetaGeoVariant = 'bg' | 'mbg';

export interface BetaGeoParams {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/**
 * The compressed rows plus what lets one likelihood evaluation skip repeated work: weight
 * per distinct x (for the x-only terms) and distinct t_x / T / x values, whose logs are
 * computed once per evaluation into preallocated buffers.
 */
export interface BetaGeoData {
  readonly rows: RfmRows;
  readonly groupX: Float64Array;
  readonly groupW: Float64Array;
  readonly x: Factor;
  readonly tx: Factor;
  readonly T: Factor;
  readonly lnAT: Float64Array;
  readonly invAT: Float64Array;
  readonly lnAtx: Float64Array;
  readonly invAtx: Float64Array;
  readonly lnBk: Float64Array;
  readonly invBk: Float64Array;
}

export function prepareBetaGeo(rows: RfmRows): BetaGeoData {
  const x = factorize(rows.x);
  const tx = factorize(rows.tx);
  const T = factorize(rows.T);
  const groupW = new Float64Array(x.values.length);
  for (let i = 0; i < rows.x.length; i++) groupW[x.codes[i]] += rows.w[i];
  return {
    rows,
    groupX: x.values,
    groupW,
    x,
    tx,
    T,
    lnAT: new Float64Array(T.values.length),
    invAT: new Float64Array(T.values.length),
    lnAtx: new Float64Array(tx.values.length),
    invAtx: new Float64Array(tx.values.length),
    lnBk: new Float64Array(x.values.length),
    invBk: new Float64Array(x.values.length),
  };
}

/**
 * log of the ratio of the second likelihood term to the first:
 * D = ln(a/(b+k−1)) + (r+x)·ln((α+T)/(α+t_x)); −∞ for BG/NBD non-repeaters.
 */
function logOdds(v: BetaGeoVariant, r: number, alpha: number, a: number, b: number, x: number, tx: number, T: number): number {
  if (v === 'bg' && x === 0) return -Infinity;
  const k = v === 'bg' ? x : x + 1;
  return Math.log(a / (b + k - 1)) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
}

/** Total weighted negative log-likelihood (eq. (6)), with its analytic gradient wrt (r, α, a, b). */
export function betaGeoNll(v: BetaGeoVariant, d: BetaGeoData, p: Float64Array, grad: Float64Array | null): number {
  const r = p[0];
  const alpha = p[1];
  const a = p[2];
  const b = p[3];
  const shift = v === 'bg' ? 0 : 1;
  let ll = 0;
  let gr = 0;
  let gal = 0;
  let ga = 0;
  let gb = 0;
  // Terms that depend on x only: ln Γ(r+x)/Γ(r) + r ln α + ln B(a, b+k) − ln B(a, b).
  const lgR = gammaln(r);
  const lgAB = gammaln(a + b);
  const lgB = gammaln(b);
  const lnAlpha = Math.log(alpha);
  const psiR = grad ? digamma(r) : 0;
  const psiAB = grad ? digamma(a + b) : 0;
  const psiB = grad ? digamma(b) : 0;
  for (let j = 0; j < d.groupX.length; j++) {
    const x = d.groupX[j];
    const w = d.groupW[j];
    const k = x + shift;
    ll += w * (gammaln(r + x) - lgR + r * lnAlpha + lgAB + gammaln(b + k) - lgB - gammaln(a + b + k));
    if (grad) {
      const psiABK = digamma(a + b + k);
      gr += w * (digamma(r + x) - psiR + lnAlpha);
      gal += (w * r) / alpha;
      ga += w * (psiAB - psiABK);
      gb += w * (psiAB + digamma(b + k) - psiB - psiABK);
    }
    d.lnBk[j] = Math.log(b + k - 1); // −∞ for BG/NBD x = 0, never used
    d.invBk[j] = 1 / (b + k - 1);
  }
  const { lnAT, invAT, lnAtx, invAtx, lnBk, invBk } = d;
  const Tv = d.T.values;
  const tv = d.tx.values;
  for (let j = 0; j < Tv.length; j++) {
    lnAT[j] = Math.log(alpha + Tv[j]);
    invAT[j] = 1 / (alpha + Tv[j]);
  }
  for (let j = 0; j < tv.length; j++) {
    lnAtx[j] = Math.log(alpha + tv[j]);
    invAtx[j] = 1 / (alpha + tv[j]);
  }
  const lnA = Math.log(a);
  const xs = d.rows.x;
  const ws = d.rows.w;
  const xc = d.x.codes;
  const tc = d.T.codes;
  const sc = d.tx.codes;
  const n = xs.length;
  const withGrad = grad !== null;
  let gs = 0; // Σ w·σ(D): the a-gradient is gs / a
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const w = ws[i];
    const it = tc[i];
    const lT = lnAT[it];
    ll -= w * (r + x) * lT;
    if (withGrad) {
      gr -= w * lT;
      gal -= w * (r + x) * invAT[it];
    }
    if (shift === 0 && x === 0) continue;
    const is = sc[i];
    const ix = xc[i];
    const lRatio = lT - lnAtx[is];
    const D = lnA - lnBk[ix] + (r + x) * lRatio;
    // softplus(D) and logistic(D) from one exp.
    const e = Math.exp(-Math.abs(D));
    ll += w * ((D > 0 ? D : 0) + Math.log1p(e));
    if (withGrad) {
      const s = w * (D >= 0 ? 1 / (1 + e) : e / (1 + e));
      gr += s * lRatio;
      gal += s * (r + x) * (invAT[it] - invAtx[is]);
      gs += s;
      gb -= s * invBk[ix];
    }
  }
  ga += gs / a;
  if (grad) {
    grad[0] = -gr;
    grad[1] = -gal;
    grad[2] = -ga;
    grad[3] = -gb;
  }
  return -ll;
}

/** P(alive | x, t_x, T) = 1/(1 + e^D) (Fader, Hardie & Lee, note 021 "Computing P(alive) using the BG/NBD model"). */
export function betaGeoPAlive(v: BetaGeoVariant, p: BetaGeoParams, x: number, tx: number, T: number): number {
  return logistic(-logOdds(v, p.r, p.alpha, p.a, p.b, x, tx, T));
}

/**
 * H(e, a, C, z) = Σ_{n≥1} (e)_n (a)_{n−1} zⁿ / ((C)_n n!), so that
 * 2F1(e, a−1; C; z) = 1 + (a−1)·H. Splitting off the (a−1) factor keeps the expectation
 * finite and accurate at a = 1, where the closed forms read 0/0.
 */
function hTail(e: number, a: number, C: number, z: number): number {
  let term = (e / C) * z;
  let sum = term;
  for (let n = 1; n < 200000; n++) {
    term *= (((e + n) * (a + n - 1)) / ((C + n) * (n + 1))) * z;
    sum += term;
    if (Math.abs(term) <= 1e-17 * Math.abs(sum) && e + n > 0) return sum;
  }
  // z extremely close to 1: let stdlib's transformations take over (nudging a off 1).
  const am1 = Math.abs(a - 1) < 1e-7 ? 1e-7 : a - 1;
  return (hyp2f1(e, am1, C, z) - 1) / am1;
}

/**
 * Expected repeat purchases in (T, T+t] of a customer still active at T after x repeat
 * purchases: the numerator of FHL eq. (10) for BG/NBD and its MBG/NBD analogue,
 * C/(a−1)·[1 − (1−z)^{r+x} 2F1(r+x, C−a+1; C; z)] with z = t/(α+T+t) and C = a+b+x−1 (BG)
 * or a+b+x (MBG). Euler's transformation turns the bracket into
 * [1 − (1−z)^{a−1} 2F1(C−r−x, a−1; C; z)], whose series has small terms even for heavy buyers.
 */
export function betaGeoExpectedIfAlive(v: BetaGeoVariant, p: BetaGeoParams, t: number, x: number, T: number): number {
  if (!(t > 0)) return 0;
  const { r, alpha, a, b } = p;
  const C = a + b + x + (v === 'bg' ? -1 : 0);
  const z = t / (alpha + T + t);
  const L = Math.log1p(-z);
  return C * (expm1Ratio(a - 1, L) - Math.exp((a - 1) * L) * hTail(C - r - x, a, C, z));
}

/** Expected repeat purchases in (T, T+t] given (x, t_x, T) (FHL eq. (10)): the above times P(alive). */
export function betaGeoConditionalExpected(v: BetaGeoVariant, p: BetaGeoParams, t: number, x: number, tx: number, T: number): number {
  if (!(t > 0)) return 0;
  return betaGeoExpectedIfAlive(v, p, t, x, T) * betaGeoPAlive(v, p, x, tx, T);
}

/** Expected repeat purchases of a new customer in (0, t]: FHL eq. (9) (x = t_x = T = 0 above). */
export function betaGeoExpected(v: BetaGeoVariant, p: BetaGeoParams, t: number): number {
  return betaGeoConditionalExpected(v, p, t, 0, 0, 0);
}

/** P(NB(r, q) ≥ k) where NB counts purchases of a gamma-mixed Poisson, q = t/(α+t). */
function nbUpperTail(r: number, q: number, k: number): number {
  if (k <= 0) return 1;
  const logPmf = (j: number): number => gammaln(r + j) - gammaln(r) - gammaln(j + 1) + r * Math.log1p(-q) + j * Math.log(q);
  const mean = (r * q) / (1 - q);
  if (k <= mean + 1) {
    // The lower part is the smaller one: P(NB ≥ 1) − Σ_{0<j<k} pmf(j), with P(NB ≥ 1) from
    // expm1 so that short horizons (q → 0) keep their digits.
    let pmf = Math.exp(logPmf(0));
    let tail = -Math.expm1(r * Math.log1p(-q));
    for (let j = 0; j < k - 1; j++) {
      pmf *= ((r + j) / (j + 1)) * q;
      tail -= pmf;
    }
    return Math.max(0, tail);
  }
  // Far tail: sum upward from k; terms fall geometrically past the mode.
  let pmf = Math.exp(logPmf(k));
  let sum = pmf;
  for (let j = k; j < k + 100000; j++) {
    pmf *= ((r + j) / (j + 1)) * q;
    sum += pmf;
    if (pmf <= 1e-17 * sum) break;
  }
  return Math.min(1, sum);
}

/**
 * P(X(t) = k) for a new customer: FHL eq. (8) for BG/NBD,
 *   B(a, b+k)/B(a,b)·NB(k) + [k>0] B(a+1, b+k−1)/B(a,b)·P(NB ≥ k),
 * and for MBG/NBD the same with b+k+1 / b+k (drop-out also possible at time 0).
 */
export function betaGeoProbability(v: BetaGeoVariant, p: BetaGeoParams, t: number, k: number): number {
  const { r, alpha, a, b } = p;
  if (!(t > 0)) return k === 0 ? 1 : 0;
  const q = t / (alpha + t);
  const s = v === 'bg' ? 0 : 1;
  const lbAB = betaln(a, b);
  const lnNb = gammaln(r + k) - gammaln(r) - gammaln(k + 1) + r * Math.log(alpha / (alpha + t)) + k * Math.log(q);
  const first = Math.exp(betaln(a, b + k + s) - lbAB + lnNb);
  if (v === 'bg' && k === 0) return first;
  return first + Math.exp(betaln(a + 1, b + k + s - 1) - lbAB) * nbUpperTail(r, q, k);
}
