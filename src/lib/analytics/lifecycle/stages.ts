/**
 * Lifecycle stages, measured from purchases and tied to the as-of date. A customer's stage
 * in a period is read at the period's END — its last day, or the as-of date for the period
 * holding it — and only once they have purchased (earlier they are prospects, not counted):
 *
 * - new:       their first purchase falls in the period;
 * - returning: they purchased in the period and were lapsed at the end of the period before
 *              (no purchase in it, and `lapsedDays` or more since their previous purchase);
 * - active:    they purchased in the period otherwise (including a customer won back from at
 *              risk), or they did not but their last purchase is under `atRiskDays` days old;
 * - at risk:   no purchase for at least `atRiskDays` and under `lapsedDays` days;
 * - lapsed:    no purchase for `lapsedDays` days or more.
 *
 * Thresholds are in days, not periods, so changing the chart's grain (week, month,
 * quarter) does not change what "at risk" means. This is the founding documents'
 * acquisition → retention → lapse cycle: new = acquired, active = retained, returning =
 * reactivated.
 */
export type LifecycleStage = 'new' | 'active' | 'returning' | 'at_risk' | 'lapsed';

/** In lifecycle order (the order of stacked charts and tables). */
export const LIFECYCLE_STAGES: readonly LifecycleStage[] = ['new', 'active', 'returning', 'at_risk', 'lapsed'];

export const STAGE_LABELS: Record<LifecycleStage, string> = {
  new: 'New',
  active: 'Active',
  returning: 'Returning',
  at_risk: 'At risk',
  lapsed: 'Lapsed',
};
