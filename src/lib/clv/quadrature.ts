/**
 * Adaptive Gauss–Kronrod (7/15-point) quadrature of a smooth positive integrand given by
 * its logarithm. The integrand is scaled by exp(−shift) so the result is returned as a log
 * and never overflows. Used where a series would converge too slowly.
 */

// Kronrod nodes on [0, 1) of [−1, 1] and weights (Piessens et al., QUADPACK qk15).
const XK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851, 0.864864423359769072789712788640926,
  0.741531185599394439863864773280788, 0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0,
];
const WK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204, 0.104790010322250183839876322541518,
  0.140653259715525918745189590510238, 0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
// Gauss weights for the odd-indexed Kronrod nodes (1, 3, 5, 7).
const WG = [0.129484966168869693270611432679082, 0.27970539148927666790146777142378, 0.381830050505118944950369775488975, 0.417959183673469387755102040816327];

function gk15(logF: (v: number) => number, shift: number, lo: number, hi: number): [number, number] {
  const c = (lo + hi) / 2;
  const h = (hi - lo) / 2;
  const fc = Math.exp(logF(c) - shift);
  let k = WK[7] * fc;
  let g = WG[3] * fc;
  for (let j = 0; j < 7; j++) {
    const f1 = Math.exp(logF(c - h * XK[j]) - shift);
    const f2 = Math.exp(logF(c + h * XK[j]) - shift);
    k += WK[j] * (f1 + f2);
    if (j % 2 === 1) g += WG[(j - 1) / 2] * (f1 + f2);
  }
  return [k * h, Math.abs((k - g) * h)];
}

/** ln ∫_lo^hi exp(logF(v)) dv, with logF(v) − shift expected to stay below ~0 (shift ≈ max of logF). */
export function logIntegrate(logF: (v: number) => number, shift: number, lo: number, hi: number, relTol = 1e-13): number {
  if (!(hi > lo)) return -Infinity;
  const stack: [number, number][] = [[lo, hi]];
  let total = 0;
  const [whole] = gk15(logF, shift, lo, hi);
  const scale = Math.abs(whole);
  let intervals = 0;
  while (stack.length) {
    const [a, b] = stack.pop() as [number, number];
    const [val, err] = gk15(logF, shift, a, b);
    intervals++;
    if (err <= relTol * scale * ((b - a) / (hi - lo)) + 1e-300 || intervals > 2000) {
      total += val;
    } else {
      const m = (a + b) / 2;
      stack.push([a, m], [m, b]);
    }
  }
  return shift + Math.log(total);
}
