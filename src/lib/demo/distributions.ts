/** Samplers for the distributions the generator needs; all take the stream explicitly. */
import type { Rng } from './random';

/** Exponential with the given rate (mean 1/rate), by inversion. */
export function exponential(rng: Rng, rate: number): number {
  return -Math.log(rng.floatOpenLow()) / rate;
}

/** Standard normal by Marsaglia's polar method (the second value is dropped to stay stateless). */
export function normal(rng: Rng): number {
  for (;;) {
    const u = 2 * rng.float() - 1;
    const v = 2 * rng.float() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/**
 * Gamma(shape, rate) (mean shape/rate) by Marsaglia & Tsang (2000), "A simple method for
 * generating gamma variables"; shape < 1 uses their boost Gamma(shape+1)·U^(1/shape).
 */
export function gamma(rng: Rng, shape: number, rate: number): number {
  if (!(shape > 0) || !(rate > 0)) throw new RangeError(`gamma: shape and rate must be > 0 (got ${shape}, ${rate})`);
  if (shape < 1) {
    const u = rng.floatOpenLow();
    return gamma(rng, shape + 1, rate) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.floatOpenLow();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return (d * v) / rate;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return (d * v) / rate;
  }
}

/** Beta(a, b) as X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b). */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a, 1);
  const y = gamma(rng, b, 1);
  return x / (x + y);
}

/** Poisson(mean): Knuth's product method for small means, PTRS (Hörmann 1993) above 30. */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean >= 0)) throw new RangeError(`poisson: mean must be >= 0 (got ${mean})`);
  if (mean === 0) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let prod = rng.floatOpenLow();
    while (prod > limit) {
      k++;
      prod *= rng.floatOpenLow();
    }
    return k;
  }
  const slam = Math.sqrt(mean);
  const loglam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.float() - 0.5;
    const v = rng.floatOpenLow();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - logFactorial(k)) return k;
  }
}

function logFactorial(k: number): number {
  if (k < 2) return 0;
  // Stirling series; PTRS only calls this for k well above 10.
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}

/** Cumulative weights, prepared once, for `categorical`. */
export function cumulative(weights: readonly number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) {
    if (!(weights[i] >= 0)) throw new RangeError('cumulative: weights must be >= 0');
    sum += weights[i];
    out[i] = sum;
  }
  if (!(sum > 0)) throw new RangeError('cumulative: weights must not all be zero');
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

/** Index drawn with the probabilities of a `cumulative` table. */
export function categorical(rng: Rng, cum: Float64Array): number {
  const u = rng.float();
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < cum[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index drawn from small, unnormalised weights (linear scan; for per-draw weights). */
export function weightedIndex(rng: Rng, weights: readonly number[]): number {
  let sum = 0;
  for (const w of weights) sum += w;
  let u = rng.float() * sum;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}
