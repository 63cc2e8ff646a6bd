/**
 * Special functions. Log-gamma, log-beta and digamma come from @stdlib; the small
 * log-space helpers below keep likelihoods finite where plain exp/log would overflow.
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import betaln from '@stdlib/math-base-special-betaln';
import digamma from '@stdlib/math-base-special-digamma';
import hyp2f1 from '@stdlib/math-base-special-hyp2f1';

export { gammaln, betaln, digamma, hyp2f1 };

/** log(exp(a) + exp(b)) without overflow. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** log(1 - exp(d)) for d <= 0 (Mächler's switch between the two accurate forms). */
export function log1mExp(d: number): number {
  if (d >= 0) return -Infinity;
  return d > -Math.LN2 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d));
}

/** 1 / (1 + exp(-d)), the logistic function, stable for large |d|. */
export function logistic(d: number): number {
  if (d >= 0) return 1 / (1 + Math.exp(-d));
  const e = Math.exp(d);
  return e / (1 + e);
}

/** (1 - exp(e·L)) / e, continuous at e = 0 where it equals -L. */
export function expm1Ratio(e: number, L: number): number {
  if (Math.abs(e * L) < 1e-10) return -L * (1 + (e * L) / 2);
  return -Math.expm1(e * L) / e;
}
