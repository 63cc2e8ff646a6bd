import { describe, expect, it } from 'vitest';
import {
  bgNbdConditionalExpected,
  bgNbdExpected,
  bgNbdPAlive,
  bgNbdProbability,
  ClvError,
  fitBgNbd,
  type BgNbdParams,
} from '../../../src/lib/clv';
import { betaGeoNll, prepareBetaGeo } from '../../../src/lib/clv/betaGeoCore';
import { fitSpec, type ModelSpec } from '../../../src/lib/clv/fit';
import { prepareRfm } from '../../../src/lib/clv/rfm';
import { CDNOW_CSV, cdnowSummary, within } from './data';
import { Rng } from './random';

// Fader, Hardie & Lee (2005), CDNOW sample in weeks.
const PUBLISHED: BgNbdParams = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };

/**
 * Simulate BG/NBD customers observed for T whole weeks after their first purchase (FHL §2
 * assumptions), recording purchase times at day resolution as real data are.
 */
function simulate(p: BgNbdParams, n: number, seed: number): { x: Float64Array; tx: Float64Array; T: Float64Array } {
  const rng = new Rng(seed);
  const x = new Float64Array(n);
  const tx = new Float64Array(n);
  const T = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lambda = rng.gamma(p.r, p.alpha);
    const drop = rng.beta(p.a, p.b);
    T[i] = 52 + Math.floor(rng.uniform() * 105); // 52–156 weeks
    let t = 0;
    for (;;) {
      t += rng.exponential(lambda);
      if (t > T[i]) break;
      x[i]++;
      tx[i] = Math.ceil(t * 7) / 7;
      if (rng.uniform() < drop) break; // becomes inactive right after this repeat purchase
    }
  }
  return { x, tx, T };
}

describe('BG/NBD', () => {
  it.skipIf(!CDNOW_CSV)('reproduces FHL (2005) on CDNOW: parameters within 0.2 %, log-likelihood −9582.43', () => {
    const s = cdnowSummary();
    const fit = fitBgNbd({ x: s.x, tx: s.tx, T: s.T });
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(within(fit.params[k], PUBLISHED[k], 0.002), k).toBe(true);
    expect(Math.abs(fit.logLikelihood - -9582.43)).toBeLessThan(0.05);
    expect(fit.diagnosis).toEqual([]);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(fit.standardErrors[k]).toBeGreaterThan(0);
  });

  it.skipIf(!CDNOW_CSV)('gives the same estimates and standard errors with numerical derivatives only', () => {
    const s = cdnowSummary();
    const data = prepareBetaGeo(prepareRfm({ x: s.x, tx: s.tx, T: s.T }));
    const spec = (analyticGradient: boolean): ModelSpec => ({
      model: 'bg-nbd',
      names: ['r', 'alpha', 'a', 'b'],
      lower: new Float64Array(4),
      start: Float64Array.of(1, 1, 1, 1),
      nll: (p, g) => betaGeoNll('bg', data, p, analyticGradient ? g : null),
      analyticGradient,
      totalWeight: 2357,
    });
    const analytic = fitSpec(spec(true));
    const numeric = fitSpec(spec(false));
    for (let i = 0; i < 4; i++) {
      expect(within(numeric.params[i], analytic.params[i], 1e-4)).toBe(true);
      expect(within(numeric.standardErrors[i], analytic.standardErrors[i], 1e-3)).toBe(true);
    }
  });

  it('predicts as in the paper at the published fit', () => {
    // Customer with x = 2, t_x = 30.43, T = 38.86 (FHL §5).
    expect(bgNbdPAlive(PUBLISHED, 2, 30.43, 38.86)).toBeCloseTo(0.7266, 3);
    expect(bgNbdConditionalExpected(PUBLISHED, 39, 2, 30.43, 38.86)).toBeCloseTo(1.226, 3);
    const expected = [1, 3, 32, 78].map((t) => bgNbdExpected(PUBLISHED, t));
    [0.0532, 0.1506, 1.0437, 1.858].forEach((v, i) => expect(expected[i]).toBeCloseTo(v, 3));
    expect(bgNbdPAlive(PUBLISHED, 0, 0, 38.86)).toBe(1); // BG/NBD: no drop-out before a repeat purchase
  });

  it('has a P(X(t)=k) that sums to 1 with mean E[X(t)]', () => {
    for (const t of [1, 39, 78]) {
      let total = 0;
      let mean = 0;
      for (let k = 0; k < 400; k++) {
        const pk = bgNbdProbability(PUBLISHED, t, k);
        total += pk;
        mean += k * pk;
      }
      expect(total).toBeCloseTo(1, 10);
      expect(mean).toBeCloseTo(bgNbdExpected(PUBLISHED, t), 6);
    }
  });

  it('stays accurate for heavy buyers and at a = 1', () => {
    const v = bgNbdConditionalExpected(PUBLISHED, 39, 300, 38, 38.86);
    expect(Number.isFinite(v) && v > 0).toBe(true);
    // The expectation is continuous through a = 1 where the closed form reads 0/0.
    const near = (a: number): number => bgNbdConditionalExpected({ ...PUBLISHED, a }, 39, 2, 30.43, 38.86);
    expect(near(1)).toBeCloseTo((near(1 - 1e-6) + near(1 + 1e-6)) / 2, 8);
  });

  it('recovers known parameters from simulated data within 5 %', () => {
    const truth: BgNbdParams = { r: 0.8, alpha: 6, a: 1.2, b: 3.5 };
    // 200k customers make 5 % about three standard errors for the least precise parameter (b).
    const data = simulate(truth, 200000, 20240517);
    const fit = fitBgNbd(data);
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(within(fit.params[k], truth[k], 0.05), `${k} = ${fit.params[k]}`).toBe(true);
  });

  it('explains instead of failing when nobody bought twice', () => {
    const fit = fitBgNbd({ x: [0, 0, 0], tx: [0, 0, 0], T: [10, 20, 30] });
    expect(fit.converged).toBe(false);
    expect(fit.method).toBe('none');
    expect(Number.isNaN(fit.params.r)).toBe(true);
    expect(fit.diagnosis.join(' ')).toMatch(/No customer made a repeat purchase/);
  });

  it('says when the data show no drop-out (a → 0: BG/NBD collapses to the NBD)', () => {
    // Pure NBD purchasing: nobody ever drops out.
    const data = simulate({ r: 0.8, alpha: 6, a: 1e-9, b: 1e9 }, 4000, 7);
    const fit = fitBgNbd(data);
    expect(fit.diagnosis.join(' ')).toMatch(/no sign of drop-out/);
  });

  it('shrinks parameters with a penalizer', () => {
    const data = simulate({ r: 0.8, alpha: 6, a: 1.2, b: 3.5 }, 3000, 3);
    const plain = fitBgNbd(data);
    const pen = fitBgNbd(data, { penalizer: 0.1 });
    const size = (p: BgNbdParams): number => p.r ** 2 + p.alpha ** 2 + p.a ** 2 + p.b ** 2;
    expect(size(pen.params)).toBeLessThan(size(plain.params));
    expect(pen.logLikelihood).toBeLessThan(plain.logLikelihood);
  });

  it('rejects inconsistent input with a hint', () => {
    const hintOf = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ClvError);
        return (e as ClvError).hint;
      }
      throw new Error('expected a ClvError');
    };
    expect(hintOf(() => fitBgNbd({ x: [1.5], tx: [1], T: [2] }))).toMatch(/whole numbers/);
    expect(hintOf(() => fitBgNbd({ x: [1], tx: [3], T: [2] }))).toMatch(/same time unit/);
    expect(hintOf(() => fitBgNbd({ x: [1, 2], tx: [1], T: [2] }))).toMatch(/one value per customer/);
  });
});
