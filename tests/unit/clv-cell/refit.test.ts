/**
 * The cell's refit to the as-of date, its penalizer, and the fast per-customer predictions:
 * each checked against the library's plain functions on CDNOW.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bgNbdConditionalExpected, bgNbdPAlive, bgNbdPredictor, customerLifetimeValue, fitBgNbd, fitGammaGamma, gammaGammaConditionalSpend, summarize, type Transaction } from '../../../src/lib/clv';
import { analyzeClv, type ClvInput } from '../../../src/lib/clv/cell/analysis';
import { expectedPurchasesIn, predictCustomers } from '../../../src/lib/clv/cell/predict';
import { sharedData } from '../helpers/duckdb';

const CDNOW = sharedData('cdnow/cdnow_sample.csv');

function transactions(): Transaction[] {
  return readFileSync(CDNOW as string, 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((l) => {
      const [id, date, , dollars] = l.split(',');
      return { customerId: Number(id), occurredAt: date, amount: Number(dollars) };
    });
}

/** Calibration to 1997-09-30 with its holdout, and the summary as of 1998-06-30 (same customers: all start by March 1997). */
function input(): { input: ClvInput; current: { x: Float64Array; tx: Float64Array; T: Float64Array; m: Float64Array } } {
  const tx = transactions();
  const cal = summarize(tx, { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', unit: 'week' });
  const all = summarize(tx, { calibrationEnd: '1998-06-30', unit: 'week' });
  expect(all.customerId).toEqual(cal.customerId);
  const current = { x: Float64Array.from(all.x), tx: Float64Array.from(all.tx), T: Float64Array.from(all.T), m: Float64Array.from(all.m) };
  return {
    input: { x: Float64Array.from(cal.x), tx: Float64Array.from(cal.tx), T: Float64Array.from(cal.T), m: Float64Array.from(cal.m), xHoldout: Float64Array.from(cal.xHoldout ?? []), holdoutDuration: cal.holdoutDuration ?? null, current },
    current,
  };
}

const OPTIONS = { model: 'bgnbd', unit: 'week', horizon: 52, discountRate: 0.1, margin: 0.3 } as const;
const param = (ps: { name: string; value: number }[], name: string): number => ps.find((p) => p.name === name)?.value ?? NaN;

describe.skipIf(!CDNOW)('refit to the as-of date (CDNOW)', () => {
  it('checks the calibration fit on the holdout, then predicts with a fit to all purchases', () => {
    const { input: data, current } = input();
    const run = analyzeClv(data, OPTIONS);
    const a = run.analysis;
    // The calibration fit is the published one (FHL 2005) and carries the holdout check.
    expect(a.calibration).not.toBeNull();
    expect(param(a.calibration!.transactions.parameters, 'r')).toBeCloseTo(0.2426, 3);
    expect(param(a.calibration!.transactions.parameters, 'α')).toBeCloseTo(4.4135, 2);
    expect(a.holdout!.actual).toBe(data.xHoldout!.reduce((s, v) => s + v, 0));
    // The final fit equals a plain fit to the as-of summary, and differs from the calibration fit.
    const direct = fitBgNbd(current);
    for (const [label, key] of [['r', 'r'], ['α', 'alpha'], ['a', 'a'], ['b', 'b']] as const) {
      expect(Math.abs(param(a.transactions.parameters, label) / direct.params[key] - 1)).toBeLessThan(2e-3);
    }
    expect(Math.abs(param(a.transactions.parameters, 'α') - param(a.calibration!.transactions.parameters, 'α'))).toBeGreaterThan(0.05);
    expect(a.transactions.customers).toBe(2357);
    expect(a.reading).not.toEqual(a.calibration!.reading);
    // Per-customer values come from the final fit, on the as-of histories.
    const p = direct.params;
    for (const i of [0, 5, 100, 2000]) {
      expect(run.predictions.pAlive[i]).toBeCloseTo(bgNbdPAlive(p, current.x[i], current.tx[i], current.T[i]), 3);
    }
  });

  it('without a holdout there is one fit, and no calibration fit to show', () => {
    const { current } = input();
    const run = analyzeClv({ ...current, xHoldout: null, holdoutDuration: null }, OPTIONS);
    expect(run.analysis.calibration).toBeNull();
    expect(run.analysis.holdout).toBeNull();
  });

  it('the penalizer reaches the fits: a strong one pulls the parameters in', () => {
    const { input: data } = input();
    const plain = analyzeClv(data, OPTIONS).analysis;
    const penalized = analyzeClv(input().input, { ...OPTIONS, penalizer: 0.1 }).analysis;
    expect(penalized.options.penalizer).toBe(0.1);
    // α is the largest parameter; an L2 penalty on the parameters shrinks it.
    expect(param(penalized.transactions.parameters, 'α')).toBeLessThan(param(plain.transactions.parameters, 'α') * 0.9);
    expect(param(penalized.spend.parameters, 'γ')).toBeLessThan(param(plain.spend.parameters, 'γ'));
    expect(() => analyzeClv(input().input, { ...OPTIONS, penalizer: -1 })).toThrow(/penalizer/);
  });
});

describe.skipIf(!CDNOW)('per-customer predictions, once per distinct history', () => {
  it('agree with the plain formulas customer by customer', () => {
    const { current } = input();
    const fit = fitBgNbd(current).params;
    const gg = fitGammaGamma({ x: current.x, m: current.m }).params;
    const model = bgNbdPredictor(fit);
    const flow = { periods: 12, periodLength: 52 / 12, discountRate: 0.01, margin: 0.3 };
    const out = predictCustomers(model, gg, current, 52, flow);
    const spend = Float64Array.from(current.x, (x, i) => gammaGammaConditionalSpend(gg, x, current.m[i]));
    const clv = customerLifetimeValue({ data: current, model, spend, ...flow });
    for (let i = 0; i < current.x.length; i += 97) {
      expect(out.expectedPurchases[i]).toBeCloseTo(bgNbdConditionalExpected(fit, 52, current.x[i], current.tx[i], current.T[i]), 10);
      expect(out.expectedSpend[i]).toBeCloseTo(spend[i], 10);
      expect(out.clv[i]).toBeCloseTo(clv[i], 8);
    }
    const holdout = expectedPurchasesIn(model, current, 39);
    expect(holdout[7]).toBeCloseTo(bgNbdConditionalExpected(fit, 39, current.x[7], current.tx[7], current.T[7]), 10);
  });
});
