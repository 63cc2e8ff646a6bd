/**
 * Line search satisfying the strong Wolfe conditions (Nocedal & Wright, Numerical
 * Optimization, 2nd ed., Algorithms 3.5 and 3.6), with safeguarded cubic interpolation.
 * `phi(alpha)` evaluates the objective at x + alpha·d and returns [f, f'·d]; the
 * accepted step is always the last one evaluated, so callers can keep its buffers.
 */
export type Phi = (alpha: number) => readonly [number, number];

export interface LineSearchResult {
  readonly ok: boolean;
  readonly alpha: number;
  readonly f: number;
  readonly evaluations: number;
}

const C1 = 1e-4;
const C2 = 0.9;

function cubicMin(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0)) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
}

export function wolfeLineSearch(phi: Phi, f0: number, d0: number, alpha1: number, alphaMax = 1e8): LineSearchResult {
  let evaluations = 0;
  let aPrev = 0;
  let fPrev = f0;
  let dPrev = d0;
  let a = alpha1;

  const zoom = (lo: number, flo: number, dlo: number, hi: number, fhi: number, dhi: number): LineSearchResult => {
    for (let j = 0; j < 25; j++) {
      const left = Math.min(lo, hi);
      const width = Math.abs(hi - lo);
      let t = cubicMin(lo, flo, dlo, hi, fhi, dhi);
      if (!Number.isFinite(t) || t < left + 0.1 * width || t > left + 0.9 * width) t = (lo + hi) / 2;
      const [f, d] = phi(t);
      evaluations++;
      if (!Number.isFinite(f) || f > f0 + C1 * t * d0 || f >= flo) {
        hi = t;
        fhi = Number.isFinite(f) ? f : Infinity;
        dhi = Number.isFinite(d) ? d : NaN;
      } else {
        if (Math.abs(d) <= -C2 * d0) return { ok: true, alpha: t, f, evaluations };
        if (d * (hi - lo) >= 0) {
          hi = lo;
          fhi = flo;
          dhi = dlo;
        }
        lo = t;
        flo = f;
        dlo = d;
      }
      if (Math.abs(hi - lo) <= 1e-14 * Math.max(1, Math.abs(lo))) break;
    }
    // Could not meet the curvature condition: accept the best sufficient-decrease point if any.
    if (lo > 0 && flo < f0) {
      const [f] = phi(lo);
      evaluations++;
      return { ok: true, alpha: lo, f, evaluations };
    }
    return { ok: false, alpha: 0, f: f0, evaluations };
  };

  for (let i = 0; i < 30; i++) {
    const [f, d] = phi(a);
    evaluations++;
    if (!Number.isFinite(f) || !Number.isFinite(d)) {
      // Stepped outside the region where the objective is defined: come back closer.
      a = aPrev + (a - aPrev) * 0.2;
      if (a - aPrev < 1e-16) break;
      continue;
    }
    if (f > f0 + C1 * a * d0 || (i > 0 && f >= fPrev)) {
      return zoom(aPrev, fPrev, dPrev, a, f, d);
    }
    if (Math.abs(d) <= -C2 * d0) return { ok: true, alpha: a, f, evaluations };
    if (d >= 0) {
      return zoom(a, f, d, aPrev, fPrev, dPrev);
    }
    aPrev = a;
    fPrev = f;
    dPrev = d;
    if (a >= alphaMax) break;
    a = Math.min(a * 4, alphaMax);
  }
  if (aPrev > 0 && fPrev < f0) {
    const [f] = phi(aPrev);
    return { ok: true, alpha: aPrev, f, evaluations: evaluations + 1 };
  }
  return { ok: false, alpha: 0, f: f0, evaluations };
}
