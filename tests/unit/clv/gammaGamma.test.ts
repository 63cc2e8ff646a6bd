import { describe, expect, it } from 'vitest';
import { fitGammaGamma, gammaGammaConditionalSpend, gammaGammaMeanSpend, type GammaGammaParams } from '../../../src/lib/clv';
import { CDNOW_CSV, cdnowSummary, within } from './data';
import { Rng } from './random';

// Fader & Hardie (2013): 946 CDNOW repeat buyers, mean spend of repeat purchases (dollars summed per day).
const PUBLISHED: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 };

/** Customers with x repeat purchases whose values are Gamma(p, ν), ν ~ Gamma(q, γ) (note 025 §2). */
function simulate(par: GammaGammaParams, n: number, seed: number, rateFromX?: (x: number) => number): { x: number[]; m: number[] } {
  const rng = new Rng(seed);
  const x: number[] = [];
  const m: number[] = [];
  for (let i = 0; i < n; i++) {
    const xi = 1 + Math.floor(rng.uniform() * 8);
    const nu = rateFromX ? rateFromX(xi) : rng.gamma(par.q, par.gamma);
    let sum = 0;
    for (let j = 0; j < xi; j++) sum += rng.gamma(par.p, nu);
    x.push(xi);
    m.push(sum / xi);
  }
  return { x, m };
}

describe('Gamma-Gamma', () => {
  it.skipIf(!CDNOW_CSV)('reproduces the CDNOW fit: parameters within 0.2 %, log-likelihood −4055.92', () => {
    const s = cdnowSummary();
    const fit = fitGammaGamma({ x: s.x, m: s.m });
    expect(fit.customers).toBe(946);
    expect(fit.converged).toBe(true);
    for (const k of ['p', 'q', 'gamma'] as const) expect(within(fit.params[k], PUBLISHED[k], 0.002), k).toBe(true);
    expect(Math.abs(fit.logLikelihood - -4055.92)).toBeLessThan(0.05);
    expect(fit.spendFrequencyCorrelation).toBeCloseTo(0.11, 2);
    expect(fit.diagnosis).toEqual([]);
  });

  it('on many repeat buyers (warm start from a subsample) lands on the same optimum as a fit from the truth', () => {
    const truth = { p: 3, q: 5, gamma: 80 };
    const data = simulate(truth, 60_000, 3);
    const warm = fitGammaGamma(data);
    const fromTruth = fitGammaGamma(data, { initial: truth, initialInverseHessian: Float64Array.of(1, 0, 0, 0, 1, 0, 0, 0, 1) });
    expect(warm.converged).toBe(true);
    for (const k of ['p', 'q', 'gamma'] as const) {
      expect(within(warm.params[k], fromTruth.params[k], 1e-4), k).toBe(true);
      expect(within(warm.params[k], truth[k], 0.05), k).toBe(true);
    }
    expect(Math.abs(warm.logLikelihood - fromTruth.logLikelihood)).toBeLessThan(1e-3);
  });

  it('shrinks a customer’s mean spend toward the population mean, less so the more they bought', () => {
    const pop = gammaGammaMeanSpend(PUBLISHED);
    expect(pop).toBeCloseTo((6.25 * 15.44) / 2.74, 10);
    const one = gammaGammaConditionalSpend(PUBLISHED, 1, 100);
    const ten = gammaGammaConditionalSpend(PUBLISHED, 10, 100);
    expect(one).toBeGreaterThan(pop);
    expect(one).toBeLessThan(ten);
    expect(ten).toBeLessThan(100);
    expect(gammaGammaConditionalSpend(PUBLISHED, 0, 0)).toBe(pop);
  });

  it('says why when q ≤ 1 (no finite mean spend) and offers the constraint', () => {
    const data = simulate({ p: 4, q: 0.7, gamma: 10 }, 3000, 11);
    const fit = fitGammaGamma(data);
    expect(fit.params.q).toBeLessThanOrEqual(1);
    expect(fit.diagnosis.join(' ')).toMatch(/no finite value/);
    expect(fit.diagnosis.join(' ')).toMatch(/constrainQ: true/);
    expect(gammaGammaMeanSpend(fit.params)).toBe(Infinity);
    const constrained = fitGammaGamma(data, { constrainQ: true });
    expect(constrained.params.q).toBeGreaterThan(1);
    expect(Number.isFinite(gammaGammaMeanSpend(constrained.params))).toBe(true);
  });

  it('reports the spend–frequency correlation and flags it when the independence assumption fails', () => {
    const rng = new Rng(5);
    // Frequent buyers spend more per purchase: ν falls with x.
    const data = simulate({ p: 4, q: 3, gamma: 10 }, 2000, 5, (x) => rng.gamma(3, 10) / (1 + x));
    const fit = fitGammaGamma(data);
    expect(fit.spendFrequencyCorrelation).toBeGreaterThan(0.3);
    expect(fit.diagnosis.join(' ')).toMatch(/correlated \(r = 0\.\d\d\)/);
  });

  it('explains when there are no repeat buyers, and leaves out non-positive spend', () => {
    const none = fitGammaGamma({ x: [0, 0, 0], m: [0, 0, 0] });
    expect(none.method).toBe('none');
    expect(none.diagnosis.join(' ')).toMatch(/No customer has a repeat purchase/);
    const data = simulate({ p: 4, q: 3, gamma: 10 }, 500, 2);
    const fit = fitGammaGamma({ x: [...data.x, 2, 3], m: [...data.m, -5, 0] });
    expect(fit.customers).toBe(500);
    expect(fit.diagnosis.join(' ')).toMatch(/2 repeat buyers with zero, negative or missing mean spend/);
  });
});
