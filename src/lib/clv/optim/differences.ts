/**
 * Central-difference derivatives for objectives without an analytic gradient, and the
 * numerical Hessian used for standard errors. Steps are relative to the coordinate's size.
 */
import type { Objective } from './types';

/** Wrap an objective so that it also returns a central-difference gradient (2n extra calls). */
export function withNumericGradient(f: Objective, relStep = 6e-6): Objective {
  let xh = new Float64Array(0);
  return (x, grad) => {
    const fx = f(x, null);
    if (!grad || !Number.isFinite(fx)) return fx;
    if (xh.length !== x.length) xh = new Float64Array(x.length);
    xh.set(x);
    for (let i = 0; i < x.length; i++) {
      const h = relStep * Math.max(1, Math.abs(x[i]));
      xh[i] = x[i] + h;
      const fp = f(xh, null);
      xh[i] = x[i] - h;
      const fm = f(xh, null);
      xh[i] = x[i];
      grad[i] = (fp - fm) / (2 * h);
    }
    return fx;
  };
}

/**
 * Hessian at x, row-major. With an analytic gradient: forward differences of the gradient
 * (n + 1 gradients: on millions of customers each costs a pass over the data; the step is
 * small enough that the O(h) error stays far below the digits shown); otherwise second
 * differences of f. Symmetrised.
 */
export function numericalHessian(f: Objective, x: Float64Array, analyticGradient: boolean): Float64Array {
  const n = x.length;
  const H = new Float64Array(n * n);
  const xh = Float64Array.from(x);
  if (analyticGradient) {
    const g0 = new Float64Array(n);
    const gp = new Float64Array(n);
    f(x, g0);
    for (let i = 0; i < n; i++) {
      const h = 1e-6 * Math.max(1, Math.abs(x[i]));
      xh[i] = x[i] + h;
      f(xh, gp);
      xh[i] = x[i];
      for (let j = 0; j < n; j++) H[i * n + j] = (gp[j] - g0[j]) / h;
    }
  } else {
    const f0 = f(x, null);
    const hs = Array.from(x, (v) => 1e-4 * Math.max(1, Math.abs(v)));
    const at = (i: number, si: number, j: number, sj: number): number => {
      xh[i] += si * hs[i];
      xh[j] += sj * hs[j];
      const v = f(xh, null);
      xh.set(x);
      return v;
    };
    for (let i = 0; i < n; i++) {
      H[i * n + i] = (at(i, 1, i, 1) - 2 * f0 + at(i, -1, i, -1)) / (4 * hs[i] * hs[i]);
      for (let j = 0; j < i; j++) {
        const v = (at(i, 1, j, 1) - at(i, 1, j, -1) - at(i, -1, j, 1) + at(i, -1, j, -1)) / (4 * hs[i] * hs[j]);
        H[i * n + j] = v;
        H[j * n + i] = v;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const v = (H[i * n + j] + H[j * n + i]) / 2;
      H[i * n + j] = v;
      H[j * n + i] = v;
    }
  }
  return H;
}
