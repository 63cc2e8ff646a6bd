/**
 * Calendar periods for cohorts and the lifecycle: weeks start on Monday (ISO, DuckDB's
 * date_trunc), months and quarters on their first day. All as DATE, in SQL.
 */
import { raw, sql, type Sql } from '../sql';

export type PeriodUnit = 'week' | 'month' | 'quarter';
export const PERIOD_UNITS: readonly PeriodUnit[] = ['week', 'month', 'quarter'];

const ONE_PERIOD: Record<PeriodUnit, Sql> = {
  week: raw('INTERVAL 7 DAY'),
  month: raw('INTERVAL 1 MONTH'),
  quarter: raw('INTERVAL 3 MONTH'),
};

/** The first day of the period containing a date or timestamp. */
export function periodStart(unit: PeriodUnit, value: Sql): Sql {
  return sql`CAST(date_trunc(${unit}, ${value}) AS DATE)`;
}

/** Whole periods from one period start to another (both already period starts). */
export function periodsBetween(unit: PeriodUnit, from: Sql, to: Sql): Sql {
  // date_diff('week') counts differently across engines' versions; days / 7 is exact on Mondays.
  if (unit === 'week') return sql`(date_diff('day', ${from}, ${to}) // 7)`;
  return sql`date_diff(${unit}, ${from}, ${to})`;
}

/** The start of the period `k` periods after a period start. */
export function periodsAfter(unit: PeriodUnit, start: Sql, k: Sql): Sql {
  return sql`CAST(${start} + ${ONE_PERIOD[unit]} * (${k}) AS DATE)`;
}

/** Period number 0: the week of Monday 2000-01-03, or January / the first quarter of 2000. */
const EPOCH: Record<PeriodUnit, string> = { week: '2000-01-03', month: '2000-01-01', quarter: '2000-01-01' };

/** A period as a whole number (periods since 2000), so consecutive periods differ by 1. */
export function periodNumber(unit: PeriodUnit, value: Sql): Sql {
  return periodsBetween(unit, sql`CAST(${EPOCH[unit]} AS DATE)`, periodStart(unit, value));
}

/** The first day of a period given by its number. */
export function periodOfNumber(unit: PeriodUnit, n: Sql): Sql {
  return periodsAfter(unit, sql`CAST(${EPOCH[unit]} AS DATE)`, n);
}
