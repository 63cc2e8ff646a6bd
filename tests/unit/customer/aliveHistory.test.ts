import { describe, expect, it } from 'vitest';
import { aliveHistory, dayNumber, fittedModelFromClvRun, isoDay, pAliveOf, type FittedAliveModel } from '../../../src/lib/customer';
import { bgNbdPAlive } from '../../../src/lib/clv';

/** Fader, Hardie & Lee (2005), CDNOW: the published BG/NBD parameters (weeks). */
const CDNOW: FittedAliveModel = { model: 'bgnbd', params: { r: 0.2426, alpha: 4.4135, a: 0.7929, b: 2.4258 }, unitDays: 7 };

describe('P(alive) of one customer', () => {
  it('matches the hand-checked CDNOW value: x = 2, t_x = 30.43, T = 38.86 → 0.7266', () => {
    // 1 / (1 + a/(b+x−1) · ((α+T)/(α+t_x))^{r+x}) = 1 / (1 + 0.7929/3.4258 · (43.2735/34.8435)^2.2426)
    const hand = 1 / (1 + (0.7929 / (2.4258 + 2 - 1)) * Math.pow((4.4135 + 38.86) / (4.4135 + 30.43), 0.2426 + 2));
    expect(hand).toBeCloseTo(0.7266, 4);
    expect(pAliveOf(CDNOW, 2, 30.43, 38.86)).toBeCloseTo(0.7266, 4);
  });

  it('is 1 before any repeat purchase under BG/NBD', () => {
    expect(pAliveOf(CDNOW, 0, 0, 10)).toBe(1);
  });
});

describe('history of P(alive), as lifetimes’ plot_history_alive draws it', () => {
  const first = dayNumber('2024-01-01');
  // Purchases (per calendar day) on days 0, 14 and 213; the end is day 272.
  const purchases = [first, first + 14, first + 14, first + 213];
  const end = first + 272;

  it('recomputes P(alive) every day from the purchases up to that day', () => {
    const h = aliveHistory(CDNOW, purchases, end);
    expect(h).toHaveLength(273);
    expect(h[0]).toEqual({ day: first, pAlive: 1, purchase: true });
    // Day 100: x = 1 (day 14), t_x = 14 days, T = 100 days, in weeks.
    expect(h[100].pAlive).toBeCloseTo(bgNbdPAlive(CDNOW.params, 1, 2, 100 / 7), 12);
    // It decays between purchases and jumps at a purchase.
    expect(h[212].pAlive).toBeLessThan(h[100].pAlive);
    expect(h[213].pAlive).toBeGreaterThan(h[212].pAlive);
    expect(h[213].purchase).toBe(true);
    expect(h.filter((p) => p.purchase).map((p) => p.day - first)).toEqual([0, 14, 213]);
    // The last point is the customer's P(alive) at the end: x = 2, t_x = 213 days, T = 272 days.
    expect(h[272].pAlive).toBeCloseTo(bgNbdPAlive(CDNOW.params, 2, 213 / 7, 272 / 7), 12);
  });

  it('reproduces the CDNOW customer: x = 2, t_x = 30.43 weeks, T = 38.86 weeks at the end', () => {
    const h = aliveHistory(CDNOW, [0, 100, 213], 272);
    expect(h.at(-1)?.pAlive).toBeCloseTo(bgNbdPAlive(CDNOW.params, 2, 213 / 7, 272 / 7), 12);
    expect(213 / 7).toBeCloseTo(30.43, 2);
    expect(272 / 7).toBeCloseTo(38.86, 2);
    expect(h.at(-1)?.pAlive).toBeCloseTo(0.7266, 3);
  });

  it('steps by a week on long histories but keeps every purchase day and the last day', () => {
    const h = aliveHistory(CDNOW, [0, 1000, 2003], 3001);
    expect(h.filter((p) => p.purchase).map((p) => p.day)).toEqual([0, 1000, 2003]);
    expect(h.at(-1)?.day).toBe(3001);
    expect(h.length).toBeLessThan(3001 / 7 + 5);
    expect(aliveHistory(CDNOW, [0, 10], 20, { step: 5 }).map((p) => p.day)).toEqual([0, 5, 10, 15, 20]);
  });

  it('ignores purchases after the end, and is empty without a purchase', () => {
    expect(aliveHistory(CDNOW, [50], 40)).toEqual([]);
    expect(aliveHistory(CDNOW, [], 40)).toEqual([]);
    expect(aliveHistory(CDNOW, [0, 50], 40).filter((p) => p.purchase)).toHaveLength(1);
  });

  it('converts days', () => {
    expect(isoDay(dayNumber('2025-06-30'))).toBe('2025-06-30');
  });
});

describe('the fitted model of a lifetime-value cell run', () => {
  const run = (model: string, unit: string, parameters: { name: string; value: number }[]) => ({
    analysis: { options: { model, unit }, transactions: { parameters: parameters.map((p) => ({ ...p, standardError: 0.1 })) } },
  });

  it('reads BG/NBD, MBG/NBD and Pareto/NBD parameters as the cell labels them', () => {
    const bg = [{ name: 'r', value: 0.2426 }, { name: 'α', value: 4.4135 }, { name: 'a', value: 0.7929 }, { name: 'b', value: 2.4258 }];
    expect(fittedModelFromClvRun(run('bgnbd', 'week', bg))).toEqual(CDNOW);
    expect(fittedModelFromClvRun(run('mbgnbd', 'day', bg))).toEqual({ ...CDNOW, model: 'mbgnbd', unitDays: 1 });
    const pareto = [{ name: 'r', value: 0.55 }, { name: 'α', value: 10.58 }, { name: 's', value: 0.61 }, { name: 'β', value: 11.67 }];
    expect(fittedModelFromClvRun(run('paretonbd', 'week', pareto))).toEqual({ model: 'paretonbd', params: { r: 0.55, alpha: 10.58, s: 0.61, beta: 11.67 }, unitDays: 7 });
  });

  it('is null for anything else', () => {
    expect(fittedModelFromClvRun(undefined)).toBeNull();
    expect(fittedModelFromClvRun({ analysis: {} })).toBeNull();
    expect(fittedModelFromClvRun(run('bgnbd', 'month', [{ name: 'r', value: 1 }]))).toBeNull();
    expect(fittedModelFromClvRun(run('bgnbd', 'week', [{ name: 'r', value: 1 }, { name: 'α', value: 2 }]))).toBeNull();
    expect(fittedModelFromClvRun(run('bgnbd', 'week', [{ name: 'r', value: 1 }, { name: 'α', value: -2 }, { name: 'a', value: 1 }, { name: 'b', value: 1 }]))).toBeNull();
  });
});
