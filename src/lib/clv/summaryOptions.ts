/** Options and date handling shared by the SQL and the in-memory customer summaries. */
import { ClvError } from './errors';

export type TimeUnit = 'day' | 'week';

export interface SummaryOptions {
  /** Last day of the calibration period (inclusive): 'YYYY-MM-DD', or a Date (its UTC calendar day). */
  readonly calibrationEnd: string | Date;
  /** Last day of the holdout period (inclusive); holdout columns are added when given. */
  readonly holdoutEnd?: string | Date;
  /** Unit of t_x and T: days, or weeks as days / 7 (default 'week'). */
  readonly unit?: TimeUnit;
}

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 of a calendar day; the date part of 'YYYY-MM-DD…' strings is taken as written. */
export function dayNumber(v: string | Date, what: string): number {
  if (v instanceof Date) {
    const t = v.getTime();
    if (Number.isNaN(t)) throw new ClvError(`${what} is an invalid date.`, 'Use a real date such as 1997-09-30.');
    return Math.floor(t / MS_PER_DAY);
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(v);
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : Date.parse(v);
  if (Number.isNaN(t)) throw new ClvError(`${what} "${v}" is not a date.`, 'Write dates as YYYY-MM-DD, e.g. 1997-09-30.');
  return Math.floor(t / MS_PER_DAY);
}

/** 'YYYY-MM-DD' of a day number, for SQL date literals. */
export function isoDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function unitDays(unit: TimeUnit | undefined): number {
  return (unit ?? 'week') === 'week' ? 7 : 1;
}

/** Calibration and holdout end days, checked for order. */
export function periodDays(o: SummaryOptions): { calEnd: number; holdEnd: number | null } {
  const calEnd = dayNumber(o.calibrationEnd, 'The calibration end');
  const holdEnd = o.holdoutEnd === undefined ? null : dayNumber(o.holdoutEnd, 'The holdout end');
  if (holdEnd !== null && holdEnd <= calEnd) {
    throw new ClvError('The holdout period ends before it starts.', 'Choose a holdout end date after the calibration end date.');
  }
  return { calEnd, holdEnd };
}
