/** The lifecycle spec (version 1): the period grain, how many periods, and the stage thresholds. */
import { throwIfIssues, type SpecIssue } from '../errors';
import { SpecFields } from '../fields';
import { PERIOD_UNITS, type PeriodUnit } from '../periods';

export interface LifecycleSpec {
  readonly v: 1;
  readonly period: PeriodUnit;
  /** Periods shown, the as-of date's period last; null shows every period since the first purchase. */
  readonly periods: number | null;
  /** Days without a purchase after which a customer is at risk. */
  readonly atRiskDays: number;
  /** Days without a purchase after which a customer is lapsed (more than atRiskDays). */
  readonly lapsedDays: number;
}

export type LifecycleSpecInput = Partial<LifecycleSpec>;

export const DEFAULT_LIFECYCLE_SPEC: LifecycleSpec = { v: 1, period: 'month', periods: 12, atRiskDays: 90, lapsedDays: 365 };

function readLifecycleSpec(input: unknown, issues: SpecIssue[]): LifecycleSpec {
  const f = SpecFields.root(input, issues, 'lifecycle');
  f.only(['v', 'period', 'periods', 'atRiskDays', 'lapsedDays']);
  const d = DEFAULT_LIFECYCLE_SPEC;
  const days = { min: 1, max: 36_500 };
  const spec: LifecycleSpec = {
    v: f.version(),
    period: f.choice('period', 'The period', PERIOD_UNITS, d.period),
    periods: f.nullableInteger('periods', { label: 'The number of periods shown', min: 1, max: 1000 }, d.periods),
    atRiskDays: f.integer('atRiskDays', { label: 'Days until "at risk"', ...days }, d.atRiskDays),
    lapsedDays: f.integer('lapsedDays', { label: 'Days until "lapsed"', ...days }, d.lapsedDays),
  };
  if (spec.atRiskDays >= spec.lapsedDays) {
    f.problem('lapsedDays', `A customer must be at risk before they lapse: make "lapsed" (${spec.lapsedDays} days) longer than "at risk" (${spec.atRiskDays} days).`);
  }
  return spec;
}

export function validateLifecycleSpec(input: unknown): SpecIssue[] {
  const issues: SpecIssue[] = [];
  readLifecycleSpec(input, issues);
  return issues;
}

export function parseLifecycleSpec(input: unknown): LifecycleSpec {
  const issues: SpecIssue[] = [];
  const spec = readLifecycleSpec(input, issues);
  throwIfIssues(issues, 'lifecycle');
  return spec;
}
