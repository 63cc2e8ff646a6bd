import { describe, expect, it } from 'vitest';
import { bgBbConditionalExpected, bgBbExpected, bgBbPAlive, bgBbProbability, fitBgBb, type BgBbParams } from '../../../src/lib/clv';
import { gammaln } from '../../../src/lib/clv/special';
import { DONATIONS_CSV, donations, within } from './data';

// Fader, Hardie & Shang (2010): 11,104 donors over 6 periods.
const PUBLISHED: BgBbParams = { alpha: 1.204, beta: 0.75, gamma: 0.657, delta: 2.783 };

describe('BG/BB', () => {
  it.skipIf(!DONATIONS_CSV)('reproduces FHS (2010) on the donations data: parameters within 0.2 %, log-likelihood −33225.58', () => {
    const fit = fitBgBb(donations());
    expect(fit.customers).toBe(11104);
    expect(fit.converged).toBe(true);
    for (const k of ['alpha', 'beta', 'gamma', 'delta'] as const) expect(within(fit.params[k], PUBLISHED[k], 0.002), k).toBe(true);
    expect(Math.abs(fit.logLikelihood - -33225.58)).toBeLessThan(0.05);
  });

  it('has a P(X(n)=x) that sums to 1 with mean E[X(n)]', () => {
    for (const n of [1, 6, 11]) {
      let total = 0;
      let mean = 0;
      for (let x = 0; x <= n; x++) {
        total += bgBbProbability(PUBLISHED, n, x);
        mean += x * bgBbProbability(PUBLISHED, n, x);
      }
      expect(total).toBeCloseTo(1, 12);
      expect(mean).toBeCloseTo(bgBbExpected(PUBLISHED, n), 12);
    }
  });

  it('matches the closed form of eq. (13) for the conditional expectation', () => {
    const { alpha, beta, gamma, delta } = PUBLISHED;
    const lB = (a: number, b: number): number => gammaln(a) + gammaln(b) - gammaln(a + b);
    const B = (a: number, b: number): number => Math.exp(lB(a, b));
    for (const [x, tx, n, nStar] of [
      [3, 5, 6, 5],
      [0, 0, 6, 10],
      [6, 6, 6, 1],
    ]) {
      // L from eq. (5).
      let L = (B(alpha + x, beta + n - x) / B(alpha, beta)) * (B(gamma, delta + n) / B(gamma, delta));
      for (let i = 0; i <= n - tx - 1; i++) {
        L += (B(alpha + x, beta + tx - x + i) / B(alpha, beta)) * (B(gamma + 1, delta + tx + i) / B(gamma, delta));
      }
      const g = (k: number): number => Math.exp(gammaln(1 + delta + k) - gammaln(gamma + delta + k));
      const closed =
        (1 / L) *
        (B(alpha + x + 1, beta + n - x) / B(alpha, beta)) *
        (delta / (gamma - 1)) *
        Math.exp(gammaln(gamma + delta) - gammaln(1 + delta)) *
        (g(n) - g(n + nStar));
      expect(bgBbConditionalExpected(PUBLISHED, nStar, x, tx, n)).toBeCloseTo(closed, 12);
    }
  });

  it('gives P(alive) in [0, 1], lower for customers who stopped early', () => {
    const recent = bgBbPAlive(PUBLISHED, 3, 6, 6);
    const lapsed = bgBbPAlive(PUBLISHED, 3, 3, 6);
    expect(recent).toBeLessThanOrEqual(1);
    expect(lapsed).toBeGreaterThan(0);
    expect(lapsed).toBeLessThan(recent);
  });

  it('explains when nobody transacted again', () => {
    const fit = fitBgBb({ x: [0], tx: [0], T: [6], weights: [100] });
    expect(fit.diagnosis.join(' ')).toMatch(/No customer made a repeat purchase/);
  });
});
