import { describe, expect, it } from 'vitest';
import { ClvError, fitShiftedBetaGeometric, sbgChurnProbability, sbgRetentionRate, sbgSurvival } from '../../../src/lib/clv';
import { within } from './data';

// Fader & Hardie (2007): survivors of 1,000 customers over 7 years.
const HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491];
const REGULAR = [1000, 631, 468, 382, 326, 289, 262, 241];

describe('shifted-beta-geometric', () => {
  it('reproduces the published fits within 0.2 % and log-likelihoods to ±0.05', () => {
    const high = fitShiftedBetaGeometric(HIGH_END);
    expect(within(high.params.alpha, 0.668, 0.002)).toBe(true);
    expect(within(high.params.beta, 3.806, 0.002)).toBe(true);
    expect(Math.abs(high.logLikelihood - -1611.16)).toBeLessThan(0.05);
    const regular = fitShiftedBetaGeometric(REGULAR);
    expect(within(regular.params.alpha, 0.704, 0.002)).toBe(true);
    expect(within(regular.params.beta, 1.182, 0.002)).toBe(true);
    expect(Math.abs(regular.logLikelihood - -1680.27)).toBeLessThan(0.05);
    expect(regular.converged && high.converged).toBe(true);
  });

  it('keeps survival, churn and retention consistent', () => {
    const p = { alpha: 0.704, beta: 1.182 };
    for (let t = 1; t <= 12; t++) {
      expect(sbgSurvival(p, t - 1) - sbgSurvival(p, t)).toBeCloseTo(sbgChurnProbability(p, t), 12);
      expect(sbgSurvival(p, t) / sbgSurvival(p, t - 1)).toBeCloseTo(sbgRetentionRate(p, t), 12);
    }
    expect(sbgRetentionRate(p, 2)).toBeGreaterThan(sbgRetentionRate(p, 1));
  });

  it('explains data it cannot use', () => {
    expect(() => fitShiftedBetaGeometric([1000, 900, 950])).toThrow(ClvError);
    const none = fitShiftedBetaGeometric([500, 500, 500]);
    expect(none.method).toBe('none');
    expect(none.diagnosis.join(' ')).toMatch(/Nobody in the cohort has churned/);
  });
});
