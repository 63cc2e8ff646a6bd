import { describe, expect, it } from 'vitest';
import {
  fitParetoNbd,
  paretoNbdConditionalExpected,
  paretoNbdExpected,
  paretoNbdPAlive,
  type ParetoNbdParams,
} from '../../../src/lib/clv';
import { paretoLogA0 } from '../../../src/lib/clv/paretoNbd';
import { CDNOW_CSV, cdnowSummary, within } from './data';
import { Rng } from './random';

// Fader, Hardie & Lee (2005) / CLVTools on the CDNOW sample in weeks.
const PUBLISHED: ParetoNbdParams = { r: 0.5532, alpha: 10.576, s: 0.6062, beta: 11.672 };

describe('Pareto/NBD', () => {
  it.skipIf(!CDNOW_CSV)('reproduces the CDNOW fit: parameters within 0.2 %, log-likelihood −9594.98', () => {
    const s = cdnowSummary();
    const fit = fitParetoNbd({ x: s.x, tx: s.tx, T: s.T });
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 's', 'beta'] as const) expect(within(fit.params[k], PUBLISHED[k], 0.002), k).toBe(true);
    expect(Math.abs(fit.logLikelihood - -9594.98)).toBeLessThan(0.05);
    // At its own fit: a customer with x = 26, t_x = 30.86, T = 31 buys 25.46 times in the next 52 weeks.
    expect(paretoNbdConditionalExpected(fit.params, 52, 26, 30.86, 31)).toBeCloseTo(25.46, 2);
  });

  it('keeps P(alive) finite and in [0, 1] for heavy buyers (CLVTools issue #100)', () => {
    const p: ParetoNbdParams = { r: 0.5143, alpha: 2.8845, s: 0.2856, beta: 14.1087 };
    // Reference values: eq. (18) at 60 digits (mpmath, A₀ by subdivided quadrature).
    const cases: [number, number, number, number][] = [
      [221, 103.43, 103.57, 0.9996053715027995],
      [254, 97.14, 97.29, 0.9995316263547709],
      [161, 94.71, 98.0, 0.7481447837618988],
      [204, 98.57, 99.43, 0.9942149988101905],
    ];
    for (const [x, tx, T, ref] of cases) {
      const v = paretoNbdPAlive(p, x, tx, T);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      expect(Math.abs(v - ref)).toBeLessThan(1e-12);
    }
  });

  it('evaluates A₀ accurately in every regime: series (α ≶ β) and quadrature (z near 1)', () => {
    // ln A₀ against 60-digit subdivided quadrature of (r+s+x)∫_{t_x}^{T} (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ (mpmath).
    const cases: [number[], number][] = [
      [[0.5532, 10.576, 0.6062, 11.672, 26, 30.86, 31], -103.62322672287043],
      [[0.5143, 2.8845, 0.2856, 14.1087, 221, 103.43, 103.57], -1036.5101720805987],
      [[0.5, 100, 0.3, 0.5, 0, 0, 39], -1.4525452072669649],
      [[0.5, 100, 0.3, 0.5, 3, 2, 39], -14.738806550206118],
      [[0.5, 0.2, 0.3, 50, 0, 0, 39], -3.1280533104751537],
      [[0.5, 0.2, 0.3, 50, 40, 1, 39], -12.281487076751024],
      [[0.5, 5, 0.3, 4, 2, 10, 39], -7.5649372352587929],
      [[2.5, 1, 1.7, 0.001, 5, 0.5, 100], -1.1648252808985679],
      [[0.1, 0.01, 0.05, 1000, 500, 1, 200], -12.218303197098538],
    ];
    for (const [[r, a, s, b, x, tx, T], ref] of cases) {
      const v = paretoLogA0(r, a, s, b, x, tx, T);
      expect(Math.abs(v - ref) / Math.abs(ref), `case ${[r, a, s, b, x, tx, T].join(',')}`).toBeLessThan(1e-13);
    }
    expect(paretoLogA0(0.5, 1, 0.5, 2, 3, 10, 10)).toBe(-Infinity); // t_x = T: A₀ = 0
  });

  it('gives continuous expectations through s = 1 and E[X(t)] = conditional expectation of a new customer', () => {
    const at = (s: number): number => paretoNbdExpected({ ...PUBLISHED, s }, 52);
    expect(at(1)).toBeCloseTo((at(1 - 1e-7) + at(1 + 1e-7)) / 2, 9);
    expect(paretoNbdConditionalExpected(PUBLISHED, 52, 0, 0, 0)).toBeCloseTo(paretoNbdExpected(PUBLISHED, 52), 10);
  });

  it('says when the data show no drop-out (the model collapses to the NBD)', () => {
    // Gamma-mixed Poisson purchasing for 52–104 weeks; nobody ever becomes inactive.
    const rng = new Rng(99);
    const n = 1500;
    const x = new Float64Array(n);
    const tx = new Float64Array(n);
    const T = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const lambda = rng.gamma(0.8, 6);
      T[i] = 52 + Math.floor(rng.uniform() * 53);
      for (let t = rng.exponential(lambda); t <= T[i]; t += rng.exponential(lambda)) {
        x[i]++;
        tx[i] = t;
      }
    }
    const fit = fitParetoNbd({ x, tx, T });
    expect(fit.diagnosis.join(' ')).toMatch(/no sign of drop-out/);
  });

  it('explains instead of failing when nobody bought twice', () => {
    const fit = fitParetoNbd({ x: [0, 0], tx: [0, 0], T: [5, 9] });
    expect(fit.method).toBe('none');
    expect(fit.diagnosis.join(' ')).toMatch(/No customer made a repeat purchase/);
  });
});
