/**
 * Predicted CLV by acquisition cohort: customers grouped by the month or quarter of their
 * first purchase, with their number, total and mean predicted CLV.
 */
export interface CohortClv {
  /** "2024-03" or "2024 Q1". */
  readonly cohort: string;
  readonly customers: number;
  readonly totalClv: number;
  readonly meanClv: number;
}

export type CohortPeriod = 'month' | 'quarter';

const DAY = 86_400_000;

/** `firstDay`: each customer's first purchase day (days since 1970-01-01); `clv` in the same order. */
export function clvByCohort(firstDay: ArrayLike<number>, clv: ArrayLike<number>, period: CohortPeriod): CohortClv[] {
  // Days span a few thousand values at most: tally by day in flat arrays, then fold days into cohorts.
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < firstDay.length; i++) {
    const d = firstDay[i];
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  if (!(hi >= lo)) return [];
  const span = hi - lo + 1;
  const count = new Float64Array(span);
  const total = new Float64Array(span);
  for (let i = 0; i < firstDay.length; i++) {
    const d = firstDay[i];
    if (!Number.isFinite(d)) continue;
    count[d - lo]++;
    const v = clv[i];
    if (Number.isFinite(v)) total[d - lo] += v;
  }
  const cohorts = new Map<number, { customers: number; total: number }>();
  for (let k = 0; k < span; k++) {
    if (count[k] === 0) continue;
    const date = new Date((lo + k) * DAY);
    const month = date.getUTCMonth();
    const key = date.getUTCFullYear() * 12 + (period === 'month' ? month : month - (month % 3));
    const c = cohorts.get(key) ?? { customers: 0, total: 0 };
    c.customers += count[k];
    c.total += total[k];
    cohorts.set(key, c);
  }
  return [...cohorts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([key, c]) => {
      const year = Math.floor(key / 12);
      const month = key % 12;
      const cohort = period === 'month' ? `${year}-${String(month + 1).padStart(2, '0')}` : `${year} Q${month / 3 + 1}`;
      return { cohort, customers: c.customers, totalClv: c.total, meanClv: c.customers ? c.total / c.customers : 0 };
    });
}
