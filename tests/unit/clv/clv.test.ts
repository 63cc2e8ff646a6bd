import { describe, expect, it } from 'vitest';
import {
  bgNbdConditionalExpected,
  bgNbdPredictor,
  ClvError,
  customerLifetimeValue,
  fitBgNbd,
  fitGammaGamma,
  fitParetoNbd,
  gammaGammaConditionalSpend,
  modifiedBgNbdConditionalExpected,
  modifiedBgNbdPredictor,
  paretoNbdConditionalExpected,
  paretoNbdPredictor,
  type BgNbdParams,
} from '../../../src/lib/clv';
import { CDNOW_CSV, cdnowSummary } from './data';

const P: BgNbdParams = { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 };
const WEEKS_PER_MONTH = 4.345;

describe('customer lifetime value', () => {
  const data = { x: [0, 2, 2, 7], tx: [0, 30.43, 30.43, 35], T: [38.86, 38.86, 38.86, 36] };
  const expectedPurchases = (t: number, x: number, tx: number, T: number): number => bgNbdConditionalExpected(P, t, x, tx, T);
  const model = bgNbdPredictor(P);

  it('discounts the expected purchases of each period (lifetimes’ discounted cash flow)', () => {
    const spend = [20, 35, 50, 40];
    const clv = customerLifetimeValue({ data, model, spend, periods: 12, periodLength: WEEKS_PER_MONTH, discountRate: 0.01, margin: 0.3 });
    for (let i = 0; i < 4; i++) {
      let v = 0;
      for (let k = 1; k <= 12; k++) {
        const inPeriod =
          expectedPurchases(k * WEEKS_PER_MONTH, data.x[i], data.tx[i], data.T[i]) -
          expectedPurchases((k - 1) * WEEKS_PER_MONTH, data.x[i], data.tx[i], data.T[i]);
        v += (0.3 * spend[i] * inPeriod) / 1.01 ** k;
      }
      expect(clv[i]).toBeCloseTo(v, 10);
    }
    // Same history, different spend: value scales with spend.
    expect(clv[2] / clv[1]).toBeCloseTo(50 / 35, 12);
  });

  it('without discounting equals margin × spend × expected purchases over the horizon', () => {
    const clv = customerLifetimeValue({ data, model, spend: [1, 1, 1, 1], periods: 6, periodLength: 2, discountRate: 0 });
    for (let i = 0; i < 4; i++) expect(clv[i]).toBeCloseTo(expectedPurchases(12, data.x[i], data.tx[i], data.T[i]), 12);
  });

  it('factorises every model’s expectation as expectedIfAlive × P(alive)', () => {
    const pn = { r: 0.5532, alpha: 10.576, s: 0.6062, beta: 11.672 };
    const cases: [ReturnType<typeof bgNbdPredictor>, (t: number, x: number, tx: number, T: number) => number][] = [
      [bgNbdPredictor(P), (t, x, tx, T) => bgNbdConditionalExpected(P, t, x, tx, T)],
      [modifiedBgNbdPredictor(P), (t, x, tx, T) => modifiedBgNbdConditionalExpected(P, t, x, tx, T)],
      [paretoNbdPredictor(pn), (t, x, tx, T) => paretoNbdConditionalExpected(pn, t, x, tx, T)],
    ];
    for (const [m, ce] of cases) {
      for (const [x, tx, T] of [
        [0, 0, 38.86],
        [2, 30.43, 38.86],
        [7, 35, 36],
      ]) {
        expect(m.expectedIfAlive(39, x, T) * m.pAlive(x, tx, T)).toBeCloseTo(ce(39, x, tx, T), 12);
      }
    }
  });

  it('rejects impossible options with a hint', () => {
    const base = { data, model, spend: [1, 1, 1, 1], periods: 12, periodLength: 1, discountRate: 0.01 };
    expect(() => customerLifetimeValue({ ...base, periods: 1.5 })).toThrow(ClvError);
    expect(() => customerLifetimeValue({ ...base, discountRate: -1 })).toThrow(ClvError);
    expect(() => customerLifetimeValue({ ...base, spend: [1] })).toThrow(ClvError);
  });

  it.skipIf(!CDNOW_CSV)('gives similar CLV under BG/NBD and Pareto/NBD on CDNOW', () => {
    const s = cdnowSummary();
    const spend = Float64Array.from(s.x, () => 1);
    const opts = { data: s, spend, periods: 12, periodLength: WEEKS_PER_MONTH, discountRate: 0.01 };
    const bg = customerLifetimeValue({ ...opts, model: bgNbdPredictor(fitBgNbd(s).params) });
    const pn = customerLifetimeValue({ ...opts, model: paretoNbdPredictor(fitParetoNbd(s).params) });
    const total = (a: Float64Array): number => a.reduce((u, v) => u + v, 0);
    expect(total(pn) / total(bg)).toBeGreaterThan(0.9);
    expect(total(pn) / total(bg)).toBeLessThan(1.1);
  });

  it.skipIf(!CDNOW_CSV)('runs end to end on CDNOW: BG/NBD + Gamma-Gamma → 12-month CLV', () => {
    const s = cdnowSummary();
    const bg = fitBgNbd({ x: s.x, tx: s.tx, T: s.T });
    const gg = fitGammaGamma({ x: s.x, m: s.m });
    const spend = Float64Array.from(s.x, (x, i) => gammaGammaConditionalSpend(gg.params, x, s.m[i]));
    const clv = customerLifetimeValue({
      data: s,
      model: bgNbdPredictor(bg.params),
      spend,
      periods: 12,
      periodLength: WEEKS_PER_MONTH,
      discountRate: 0.01,
    });
    expect(clv.length).toBe(2357);
    expect(clv.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    // Sanity: the cohort's predicted next-year revenue is of the order of its holdout-year revenue.
    const predicted = clv.reduce((a, b) => a + b, 0);
    const holdout = (s.xHoldout as Float64Array).reduce((a, x, i) => a + x * (s.mHoldout as Float64Array)[i], 0);
    expect(predicted / holdout).toBeGreaterThan(0.5);
    expect(predicted / holdout).toBeLessThan(2);
  });
});
