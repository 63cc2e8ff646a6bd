/**
 * Nelder–Mead simplex search, the derivative-free fallback when BFGS cannot make progress
 * (e.g. a likelihood that is only piecewise smooth). Uses the dimension-adaptive
 * coefficients of Gao & Han (2012), which behave better than the classic ones beyond 2-D.
 */
import type { MinimizeOptions, MinimizeResult } from './types';

export function nelderMead(f: (x: Float64Array) => number, x0: Float64Array, options: MinimizeOptions & { step?: number } = {}): MinimizeResult {
  const n = x0.length;
  const maxIterations = options.maxIterations ?? 400 * n;
  const step = options.step ?? 0.25;
  const alpha = 1;
  const beta = 1 + 2 / n;
  const gamma = 0.75 - 1 / (2 * n);
  const delta = 1 - 1 / n;
  const fval = (x: Float64Array): number => {
    const v = f(x);
    return Number.isFinite(v) ? v : Infinity;
  };
  const pts: Float64Array[] = [];
  const fs: number[] = [];
  for (let i = 0; i <= n; i++) {
    const p = Float64Array.from(x0);
    if (i > 0) p[i - 1] += step;
    pts.push(p);
    fs.push(fval(p));
  }
  let evaluations = n + 1;
  const centroid = new Float64Array(n);
  const xr = new Float64Array(n);
  const xe = new Float64Array(n);
  const xc = new Float64Array(n);
  let iterations = 0;
  let converged = false;
  const order = (): void => {
    const idx = fs.map((_, i) => i).sort((a, b) => fs[a] - fs[b]);
    const p2 = idx.map((i) => pts[i]);
    const f2 = idx.map((i) => fs[i]);
    for (let i = 0; i <= n; i++) {
      pts[i] = p2[i];
      fs[i] = f2[i];
    }
  };
  const along = (out: Float64Array, t: number): void => {
    for (let j = 0; j < n; j++) out[j] = centroid[j] + t * (pts[n][j] - centroid[j]);
  };
  for (; iterations < maxIterations; iterations++) {
    order();
    let size = 0;
    for (let i = 1; i <= n; i++) for (let j = 0; j < n; j++) size = Math.max(size, Math.abs(pts[i][j] - pts[0][j]));
    if (Number.isFinite(fs[n]) && fs[n] - fs[0] <= 1e-13 * (1 + Math.abs(fs[0])) && size <= 1e-8) {
      converged = true;
      break;
    }
    centroid.fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += pts[i][j] / n;
    along(xr, -alpha);
    const fr = fval(xr);
    evaluations++;
    if (fr < fs[0]) {
      along(xe, -alpha * beta);
      const fe = fval(xe);
      evaluations++;
      if (fe < fr) {
        pts[n].set(xe);
        fs[n] = fe;
      } else {
        pts[n].set(xr);
        fs[n] = fr;
      }
      continue;
    }
    if (fr < fs[n - 1]) {
      pts[n].set(xr);
      fs[n] = fr;
      continue;
    }
    // Contract outside (toward the reflected point) or inside (toward the worst point).
    const outside = fr < fs[n];
    along(xc, outside ? -alpha * gamma : gamma);
    const fc = fval(xc);
    evaluations++;
    if (fc < (outside ? fr : fs[n])) {
      pts[n].set(xc);
      fs[n] = fc;
      continue;
    }
    for (let i = 1; i <= n; i++) {
      for (let j = 0; j < n; j++) pts[i][j] = pts[0][j] + delta * (pts[i][j] - pts[0][j]);
      fs[i] = fval(pts[i]);
      evaluations++;
    }
  }
  order();
  return {
    x: Float64Array.from(pts[0]),
    f: fs[0],
    iterations,
    evaluations,
    converged,
    gradientNorm: NaN,
    reason: converged ? 'simplex shrank below tolerance' : 'reached the iteration limit',
  };
}
