/**
 * ln 2F1(1, b; c; z) for 0 ≤ z < 1 and 0 < b < c: the form the Pareto/NBD likelihood takes
 * after Euler's transformation 2F1(a, b'; a+1; z) = (1−z)^{1−b'} 2F1(1, a+1−b'; a+1; z).
 * Every term is positive and each is smaller than the last (ratio (b+n)/(c+n)·z < z), so
 * the sum has no cancellation and cannot overflow however large the purchase count x is —
 * unlike the untransformed series, whose terms grow like (1−z)^{−(r+x)} for heavy buyers.
 * Since every later ratio is below z, the remainder after a term t is at most t·z/(1−z):
 * the sum stops when that bound is negligible, and returns NaN when it cannot get there
 * within `maxTerms` (z near 1 with c − b small), so the caller can switch method.
 */
export function logHyp2f1One(b: number, c: number, z: number, maxTerms = 500): number {
  if (z === 0) return 0;
  const tailFactor = z / (1 - z);
  let term = 1;
  let sum = 1;
  for (let n = 0; n < maxTerms; n++) {
    term *= ((b + n) / (c + n)) * z;
    sum += term;
    if (term * tailFactor <= 1e-16 * sum) return Math.log(sum);
  }
  return NaN;
}
