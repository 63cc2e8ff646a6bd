/**
 * The lifetime-value cell's computation (what the models worker runs): fits, per-customer
 * predictions and holdout checks on CDNOW (published figures) and on the demo retailer
 * simulated from known parameters.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { summarize, type Transaction } from '../../../src/lib/clv';
import { analyzeClv, mergeClvParts, byFrequency, histogram, holdoutAccuracy, plainReading, trackingSeries, type ClvInput } from '../../../src/lib/clv/cell/analysis';
import { createModelsApi } from '../../../src/lib/clv/cell/api';
import { DEMO_TRUE_PARAMETERS, generateRetailer, lineValue } from '../../../src/lib/demo';
import { sharedData } from '../helpers/duckdb';

const CDNOW = sharedData('cdnow/cdnow_sample.csv');
if (!CDNOW) console.warn('reference data ../shared/data/cdnow/cdnow_sample.csv is absent — the CDNOW tests of the CLV cell are skipped');

function cdnowInput(): ClvInput {
  const lines = readFileSync(CDNOW as string, 'utf8').trim().split(/\r?\n/).slice(1);
  const tx: Transaction[] = lines.map((l) => {
    const [id, date, , dollars] = l.split(',');
    return { customerId: Number(id), occurredAt: date, amount: Number(dollars) };
  });
  const s = summarize(tx, { calibrationEnd: '1997-09-30', holdoutEnd: '1998-06-30', unit: 'week' });
  return { x: s.x, tx: s.tx, T: s.T, m: s.m, xHoldout: s.xHoldout ?? null, holdoutDuration: s.holdoutDuration ?? null };
}

const near = (a: number, b: number, tol: number) => Math.abs(a / b - 1) <= tol;

describe.skipIf(!CDNOW)('CLV cell on CDNOW (Fader, Hardie & Lee 2005)', () => {
  it('fits BG/NBD and Gamma-Gamma to the published values, and predicts the holdout', () => {
    const run = analyzeClv(cdnowInput(), { model: 'bgnbd', unit: 'week', horizon: 39, discountRate: 0.1, margin: 0.3 });
    const a = run.analysis;
    const p = Object.fromEntries(a.transactions.parameters.map((q) => [q.name, q.value]));
    expect(near(p.r, 0.2426, 0.002)).toBe(true);
    expect(near(p['α'], 4.4135, 0.002)).toBe(true);
    expect(near(p.a, 0.7929, 0.002)).toBe(true);
    expect(near(p.b, 2.4258, 0.002)).toBe(true);
    expect(a.transactions.logLikelihood).toBeCloseTo(-9582.43, 1);
    for (const q of a.transactions.parameters) expect(q.standardError).toBeGreaterThan(0);
    const g = Object.fromEntries(a.spend.parameters.map((q) => [q.name, q.value]));
    expect(near(g.p, 6.25, 0.01)).toBe(true);
    expect(near(g.q, 3.74, 0.01)).toBe(true);
    expect(near(g['γ'], 15.44, 0.01)).toBe(true);
    // 39-week holdout: 1,882 purchase days (same-day purchases merged); the model predicts 1,653 (within 15 %).
    const h = a.holdout!;
    expect(h.duration).toBeCloseTo(39, 0);
    expect(h.actual).toBe(1882);
    console.info(`CDNOW holdout: predicted ${h.predicted.toFixed(1)}, actual ${h.actual}, MAE ${h.mae.toFixed(3)}, r ${h.correlation.toFixed(3)}`);
    expect(Math.abs(h.predicted - h.actual) / h.actual).toBeLessThan(0.15);
    expect(h.mae).toBeGreaterThan(0);
    expect(h.correlation).toBeGreaterThan(0.5);
    // Table vs holdout by frequency: 8 rows (0…6, 7+), means in the right order of magnitude.
    expect(a.byFrequency.map((r) => r.frequency)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7+']);
    expect(a.byFrequency.reduce((s, r) => s + r.customers, 0)).toBe(2357);
    // Predictions: the paper's example customer x=2, t_x=30.43, T=38.86 → P(alive)=0.7266, 1.226 in 39 weeks.
    const pred = run.predictions;
    for (let i = 0; i < pred.pAlive.length; i++) {
      expect(pred.pAlive[i]).toBeGreaterThanOrEqual(0);
      expect(pred.pAlive[i]).toBeLessThanOrEqual(1);
      expect(Number.isFinite(pred.clv[i])).toBe(true);
    }
    expect(a.totals.expectedPurchases).toBeCloseTo(h.predicted, 6); // same horizon as the holdout here
    expect(a.reading[0]).toMatch(/buys about every 18(\.\d)? weeks; after each purchase about 25% stop buying/);
    // Tracking ends at the holdout end; its cumulative prediction at the calibration end is near the 2,457 actual.
    const atCal = a.tracking.find((t) => t.day >= 0)!;
    expect(Math.abs(atCal.predictedCumulative - 2457) / 2457).toBeLessThan(0.05);
    expect(a.tracking.at(-1)!.day).toBe(273);
    expect(a.pAliveMatrix.length).toBeGreaterThan(50);
    expect(a.clvHistogram.bins.reduce((s, b) => s + b.customers, 0) + a.clvHistogram.above).toBe(2357);
  });

  it.each(['mbgnbd', 'paretonbd'] as const)('fits %s too', (model) => {
    const run = analyzeClv(cdnowInput(), { model, unit: 'week', horizon: 52, discountRate: 0.1, margin: 0.3 });
    const p = Object.fromEntries(run.analysis.transactions.parameters.map((q) => [q.name, q.value]));
    if (model === 'paretonbd') {
      expect(near(p.r, 0.5532, 0.002)).toBe(true);
      expect(near(p.s, 0.6062, 0.002)).toBe(true);
    } else {
      expect(near(p.r, 0.525, 0.01)).toBe(true);
      expect(near(p.b, 1.614, 0.01)).toBe(true);
    }
    expect(run.analysis.holdout!.predicted).toBeGreaterThan(1500);
    expect(run.analysis.holdout!.predicted).toBeLessThan(2100);
  });

  it('through the worker API: reports progress and returns the same numbers', async () => {
    const api = createModelsApi((v) => v);
    const phases: number[] = [];
    const run = await api.analyze(cdnowInput(), { model: 'bgnbd', unit: 'week', horizon: 39, discountRate: 0.1, margin: 0.3 }, (_, f) => phases.push(f));
    expect(phases.at(-1)).toBe(1);
    expect(phases).toEqual([...phases].sort((a, b) => a - b));
    expect(run.predictions.clv.length).toBe(2357);
  });
  it('in two workers at once (calibration fit; final fit cold, with the predictions): the same run as one worker', async () => {
    const lines = readFileSync(CDNOW as string, 'utf8').trim().split(/\r?\n/).slice(1);
    const tx: Transaction[] = lines.map((l) => {
      const [id, date, , dollars] = l.split(',');
      return { customerId: Number(id), occurredAt: date, amount: Number(dollars) };
    });
    const all = summarize(tx, { calibrationEnd: '1998-06-30', unit: 'week' });
    const input = (): ClvInput => ({ ...cdnowInput(), current: { x: all.x.slice(), tx: all.tx.slice(), T: all.T.slice(), m: all.m.slice() } });
    const o = { model: 'bgnbd', unit: 'week', horizon: 52, discountRate: 0.1, margin: 0.3 } as const;
    const one = analyzeClv(input(), o);
    const api = createModelsApi((v) => v);
    const i = input();
    const [cal, final] = await Promise.all([api.calibrate(i, o), api.conclude(i, o)]);
    const two = mergeClvParts(o, cal, final, true);
    expect(two.analysis.calibration).toEqual(one.analysis.calibration);
    expect(two.analysis.holdout).toEqual(one.analysis.holdout);
    // The final fit starts cold instead of from the calibration fit: the same optimum.
    const params = (r: typeof one) => r.analysis.transactions.parameters.map((q) => q.value);
    params(two).forEach((v, k) => expect(v).toBeCloseTo(params(one)[k], 4));
    expect(two.analysis.transactions.logLikelihood).toBeCloseTo(one.analysis.transactions.logLikelihood, 4);
    expect(two.predictions.clv.length).toBe(2357);
    for (const k of [0, 100, 2356]) expect(two.predictions.clv[k]).toBeCloseTo(one.predictions.clv[k], 3);
    expect(two.analysis.totals.clv).toBeCloseTo(one.analysis.totals.clv, 0);
    expect(Object.keys(two.analysis.timings)).toEqual(['calibrationFit', 'holdout', 'finalFit', 'predict', 'charts']);
  });
});

describe('CLV cell on the demo retailer (exact mode, known parameters)', () => {
  it('recovers the true BG/NBD and Gamma-Gamma parameters of 20,000 customers', () => {
    const retailer = generateRetailer({ customers: 20_000, seasonality: 0 });
    const end = Date.parse(retailer.period.end.replace(' ', 'T') + 'Z') / 86_400_000;
    const tx: Transaction[] = [];
    for (const c of retailer.customers()) {
      for (const o of c.orders) {
        if (o.kind !== 'purchase') continue;
        const amount = o.lines.reduce((s, l) => s + lineValue(l), 0) / 100;
        tx.push({ customerId: c.id, occurredAt: new Date(o.at * 1000), amount });
      }
    }
    // No holdout: calibrate on everything up to the last day.
    const calEnd = new Date((end - 1) * 86_400_000).toISOString().slice(0, 10);
    const s = summarize(tx, { calibrationEnd: calEnd, unit: 'week' });
    const t0 = performance.now();
    const run = analyzeClv({ x: s.x, tx: s.tx, T: s.T, m: s.m, xHoldout: null, holdoutDuration: null }, { model: 'bgnbd', unit: 'week', horizon: 52, discountRate: 0.1, margin: 0.3 });
    const ms = performance.now() - t0;
    console.info(`demo 20k: analysis ${Math.round(ms)} ms`, run.analysis.timings);
    const truth = DEMO_TRUE_PARAMETERS;
    const p = Object.fromEntries(run.analysis.transactions.parameters.map((q) => [q.name, q]));
    const within = (name: string, value: number, expected: number) => {
      // Within 3 standard errors or 10 % (20k customers, one seed).
      const se = p[name]?.standardError ?? 0;
      expect(Math.abs(value - expected) <= Math.max(3 * se, 0.1 * expected), `${name} = ${value}, true ${expected} (se ${se})`).toBe(true);
    };
    within('r', p.r.value, truth.bgnbd.r);
    within('α', p['α'].value, truth.bgnbd.alpha);
    within('a', p.a.value, truth.bgnbd.a);
    within('b', p.b.value, truth.bgnbd.b);
    const g = Object.fromEntries(run.analysis.spend.parameters.map((q) => [q.name, q.value]));
    const meanSpend = (g.p * g['γ']) / (g.q - 1);
    expect(near(meanSpend, truth.expected.transactionValue, 0.1), `mean spend ${meanSpend}`).toBe(true);
    expect(run.analysis.holdout).toBeNull();
    expect(run.analysis.totals.customers).toBe(s.x.length);
    expect(run.analysis.totals.clv).toBeGreaterThan(0);
  }, 120_000);
});

describe('CLV cell helpers', () => {
  it('holdout accuracy: totals, MAE and correlation', () => {
    const h = holdoutAccuracy([1, 2, 3], [1, 2, 5], 10);
    expect(h).toMatchObject({ predicted: 6, actual: 8, duration: 10 });
    expect(h.mae).toBeCloseTo(2 / 3);
    expect(h.correlation).toBeCloseTo(0.9608, 3);
  });

  it('by frequency: groups 0…6 and 7+', () => {
    const rows = byFrequency([0, 0, 1, 9, 12], [0, 2, 1, 5, 7], [0.5, 0.5, 1, 4, 8]);
    expect(rows).toEqual([
      { frequency: '0', customers: 2, actual: 1, predicted: 0.5 },
      { frequency: '1', customers: 1, actual: 1, predicted: 1 },
      { frequency: '7+', customers: 2, actual: 6, predicted: 6 },
    ]);
  });

  it('tracking: cumulative actual and expected by week', () => {
    // Two customers born 14 and 7 days before the calibration end; one purchase a day expected.
    const pts = trackingSeries([2, 1], 7, 7, (t) => t * 7, { day: Float64Array.of(-3, 5), count: Float64Array.of(1, 2) });
    expect(pts.map((p) => p.day)).toEqual([-7, 0, 7]);
    expect(pts.map((p) => p.actualCumulative)).toEqual([0, 1, 3]);
    expect(pts.map((p) => p.predictedCumulative)).toEqual([7, 14 + 7, 21 + 14]);
  });

  it('histogram keeps every customer (the top 1 % counted apart)', () => {
    const h = histogram(Float64Array.from({ length: 1000 }, (_, i) => i));
    expect(h.bins.reduce((s, b) => s + b.customers, 0) + h.above).toBe(1000);
  });

  it('plain reading', () => {
    expect(plainReading('bgnbd', { r: 1, alpha: 10, a: 1, b: 3 }, 'week')[0]).toBe('While active, a typical customer buys about every 10 weeks; after each purchase about 25% stop buying.');
    expect(plainReading('paretonbd', { r: 1, alpha: 10, s: 1, beta: 30 }, 'day')[1]).toMatch(/about 30 days.*25% stop/);
  });
});
