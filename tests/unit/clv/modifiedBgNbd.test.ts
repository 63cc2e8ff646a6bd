import { describe, expect, it } from 'vitest';
import {
  fitModifiedBgNbd,
  modifiedBgNbdConditionalExpected,
  modifiedBgNbdExpected,
  modifiedBgNbdPAlive,
  modifiedBgNbdProbability,
  type ModifiedBgNbdParams,
} from '../../../src/lib/clv';
import { CDNOW_CSV, cdnowSummary, within } from './data';

// BTYDplus (mbgnbd.EstimateParameters) on the CDNOW sample in weeks.
const PUBLISHED: ModifiedBgNbdParams = { r: 0.525, alpha: 6.183, a: 0.891, b: 1.614 };

describe('MBG/NBD', () => {
  it.skipIf(!CDNOW_CSV)('reproduces the BTYDplus fit on CDNOW (published to 3 decimals)', () => {
    const s = cdnowSummary();
    const fit = fitModifiedBgNbd({ x: s.x, tx: s.tx, T: s.T });
    expect(fit.converged).toBe(true);
    for (const k of ['r', 'alpha', 'a', 'b'] as const) expect(within(fit.params[k], PUBLISHED[k], 0.002), k).toBe(true);
    expect(fit.diagnosis).toEqual([]);
  });

  it('lets non-repeaters be inactive, unlike BG/NBD', () => {
    expect(modifiedBgNbdPAlive(PUBLISHED, 0, 0, 38)).toBeLessThan(1);
    expect(modifiedBgNbdPAlive(PUBLISHED, 0, 0, 38)).toBeGreaterThan(0);
  });

  it('has a P(X(t)=k) that sums to 1 with mean E[X(t)], and E[X(t)] = b/(a−1)·[…] at x = 0', () => {
    for (const t of [5, 39]) {
      let total = 0;
      let mean = 0;
      for (let k = 0; k < 400; k++) {
        const pk = modifiedBgNbdProbability(PUBLISHED, t, k);
        total += pk;
        mean += k * pk;
      }
      expect(total).toBeCloseTo(1, 10);
      expect(mean).toBeCloseTo(modifiedBgNbdExpected(PUBLISHED, t), 6);
    }
    expect(modifiedBgNbdConditionalExpected(PUBLISHED, 10, 0, 0, 0)).toBeCloseTo(modifiedBgNbdExpected(PUBLISHED, 10), 12);
  });
});
