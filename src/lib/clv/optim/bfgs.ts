/**
 * BFGS quasi-Newton minimisation (Nocedal & Wright, Algorithm 6.1) with a strong-Wolfe
 * line search. The inverse-Hessian estimate starts as a scaled identity (eq. 6.20) and is
 * reset when a search direction stops pointing downhill.
 */
import { wolfeLineSearch } from './lineSearch';
import { dot, identity, normInf } from './linalg';
import type { MinimizeOptions, MinimizeResult, Objective } from './types';

export function bfgs(f: Objective, x0: Float64Array, options: MinimizeOptions = {}): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 200;
  const gtol = options.gradientTolerance ?? 1e-7;
  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  const d = new Float64Array(n);
  const xt = new Float64Array(n);
  const gt = new Float64Array(n);
  const s = new Float64Array(n);
  const y = new Float64Array(n);
  const Hy = new Float64Array(n);
  const given = options.initialInverseHessian;
  const usable = given !== undefined && given.length === n * n;
  let H = usable ? Float64Array.from(given) : identity(n);
  let fresh = !usable; // H is the (unscaled) identity
  let fx = f(x, g);
  let evaluations = 1;
  if (!Number.isFinite(fx)) {
    return { x, f: fx, iterations: 0, evaluations, converged: false, gradientNorm: NaN, reason: 'the objective is not finite at the starting point' };
  }
  let stalls = 0;
  let iterations = 0;
  let reason = 'reached the iteration limit';
  let converged = false;

  const phi = (alpha: number): readonly [number, number] => {
    for (let i = 0; i < n; i++) xt[i] = x[i] + alpha * d[i];
    const ft = f(xt, gt);
    return [ft, dot(gt, d)];
  };

  for (; iterations < maxIterations; iterations++) {
    const gn = normInf(g);
    if (gn <= gtol) {
      converged = true;
      reason = 'gradient below tolerance';
      break;
    }
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v -= H[i * n + j] * g[j];
      d[i] = v;
    }
    let dg = dot(d, g);
    // Newton decrement: the decrease a full quasi-Newton step still promises. When it is
    // negligible we are at the optimum to working precision, even if rounding noise (large
    // data sets) keeps the gradient above its tolerance. The gradient must still be small:
    // on a kink the inverse-Hessian estimate collapses and the decrement alone would lie.
    if (!fresh && dg < 0 && -dg / 2 <= 1e-12 * Math.max(1, Math.abs(fx)) && gn <= 1e-4) {
      converged = true;
      reason = 'predicted further decrease negligible';
      break;
    }
    if (!(dg < 0)) {
      H = identity(n);
      fresh = true;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      dg = -dot(g, g);
    }
    const first = fresh ? Math.min(1, 1 / gn) : 1;
    const ls = wolfeLineSearch(phi, fx, dg, first);
    evaluations += ls.evaluations;
    if (!ls.ok) {
      if (!fresh) {
        H = identity(n);
        fresh = true;
        continue;
      }
      // No downhill step exists at machine precision: we are at the optimum if the gradient is tiny.
      converged = gn <= 1e-5;
      reason = converged ? 'no further decrease possible at machine precision' : 'the line search could not find a lower point';
      break;
    }
    for (let i = 0; i < n; i++) {
      s[i] = xt[i] - x[i];
      y[i] = gt[i] - g[i];
      x[i] = xt[i];
      g[i] = gt[i];
    }
    const fPrev = fx;
    fx = ls.f;
    const sy = dot(s, y);
    if (sy > 1e-14 * Math.sqrt(dot(s, s) * dot(y, y))) {
      if (fresh) {
        const scale = sy / dot(y, y);
        for (let i = 0; i < n * n; i++) H[i] *= scale;
        fresh = false;
      }
      // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, expanded to avoid temporaries.
      const rho = 1 / sy;
      for (let i = 0; i < n; i++) {
        let v = 0;
        for (let j = 0; j < n; j++) v += H[i * n + j] * y[j];
        Hy[i] = v;
      }
      const yHy = dot(y, Hy);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          H[i * n + j] += -rho * (Hy[i] * s[j] + s[i] * Hy[j]) + (rho * rho * yHy + rho) * s[i] * s[j];
        }
      }
    }
    stalls = Math.abs(fPrev - fx) <= 1e-15 * Math.max(1, Math.abs(fx)) ? stalls + 1 : 0;
    if (stalls >= 3) {
      iterations++;
      converged = normInf(g) <= 1e-5;
      reason = converged ? 'objective stopped changing at machine precision' : 'objective stopped changing before the gradient vanished';
      break;
    }
  }
  return { x, f: fx, iterations, evaluations, converged, gradientNorm: normInf(g), reason };
}
