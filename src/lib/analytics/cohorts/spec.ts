/** The cohort spec (version 1): who forms a cohort, the period grain, and what is measured. */
import { throwIfIssues, type SpecIssue } from '../errors';
import { SpecFields } from '../fields';
import { PERIOD_UNITS, type PeriodUnit } from '../periods';

/** A customer joins the cohort of the period of their first purchase, or of their first activity of any kind. */
export type CohortAnchor = 'first_purchase' | 'first_event';
/** 'channel': one set of cohorts per acquisition channel (the channel of the anchoring activity). */
export type CohortBreakdown = 'none' | 'channel';
/**
 * - purchase_rate: share (0–1) of the cohort who purchased;
 * - revenue_per_customer: net revenue (returns subtracted) divided by the cohort size;
 * - cumulative_revenue_per_customer: net revenue in periods 0…k per cohort customer (the empirical CLV curve);
 * - orders: number of orders placed by the cohort.
 */
export type CohortMetric = 'purchase_rate' | 'revenue_per_customer' | 'cumulative_revenue_per_customer' | 'orders';
/** Whether period k's value counts activity in period k only, or in period k and any later one. */
export type CohortMode = 'in_period' | 'in_or_after';

export interface CohortSpec {
  readonly v: 1;
  readonly anchor: CohortAnchor;
  readonly period: PeriodUnit;
  readonly breakdown: CohortBreakdown;
  readonly metric: CohortMetric;
  readonly mode: CohortMode;
  /** Show periods 0…maxPeriods only; null shows every period up to the as-of date. */
  readonly maxPeriods: number | null;
}

export type CohortSpecInput = Partial<CohortSpec>;

export const DEFAULT_COHORT_SPEC: CohortSpec = {
  v: 1,
  anchor: 'first_purchase',
  period: 'month',
  breakdown: 'none',
  metric: 'purchase_rate',
  mode: 'in_period',
  maxPeriods: null,
};

const METRICS: readonly CohortMetric[] = ['purchase_rate', 'revenue_per_customer', 'cumulative_revenue_per_customer', 'orders'];

function readCohortSpec(input: unknown, issues: SpecIssue[]): CohortSpec {
  const f = SpecFields.root(input, issues, 'cohort');
  f.only(['v', 'anchor', 'period', 'breakdown', 'metric', 'mode', 'maxPeriods']);
  const d = DEFAULT_COHORT_SPEC;
  const spec: CohortSpec = {
    v: f.version(),
    anchor: f.choice('anchor', 'The cohort anchor', ['first_purchase', 'first_event'], d.anchor),
    period: f.choice('period', 'The cohort period', PERIOD_UNITS, d.period),
    breakdown: f.choice('breakdown', 'The breakdown', ['none', 'channel'], d.breakdown),
    metric: f.choice('metric', 'The metric', METRICS, d.metric),
    mode: f.choice('mode', 'The mode', ['in_period', 'in_or_after'], d.mode),
    maxPeriods: f.nullableInteger('maxPeriods', { label: 'The number of periods shown', min: 0, max: 1000 }, d.maxPeriods),
  };
  if (spec.metric === 'cumulative_revenue_per_customer' && spec.mode === 'in_or_after') {
    f.problem('mode', 'Cumulative revenue already adds up periods 0 to k: use the mode "in period k" with it.');
  }
  return spec;
}

export function validateCohortSpec(input: unknown): SpecIssue[] {
  const issues: SpecIssue[] = [];
  readCohortSpec(input, issues);
  return issues;
}

export function parseCohortSpec(input: unknown): CohortSpec {
  const issues: SpecIssue[] = [];
  const spec = readCohortSpec(input, issues);
  throwIfIssues(issues, 'cohort');
  return spec;
}
