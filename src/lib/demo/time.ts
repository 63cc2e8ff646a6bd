/**
 * Calendar arithmetic on "naive" timestamps: seconds since 1970-01-01 00:00:00, no time zone
 * (exports from a shop's system carry local wall-clock time, and so do ours).
 */

export const HOUR = 3600;
export const DAY = 86400;
export const WEEK = 7 * DAY;

/** Days since 1970-01-01 of a civil date (month 1–12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86400000;
}

/** Civil date of a day number: [year, month 1–12, day 1–31]. */
export function civilFromDays(days: number): [number, number, number] {
  const d = new Date(days * 86400000);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/** Day of week, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekday(days: number): number {
  return (((days + 3) % 7) + 7) % 7;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parse 'YYYY-MM-DD' to a day number; throws a RangeError naming the bad value. */
export function parseIsoDate(text: string): number {
  const m = ISO_DATE.exec(text);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const days = daysFromCivil(y, mo, d);
    const back = civilFromDays(days);
    if (back[0] === y && back[1] === mo && back[2] === d) return days;
  }
  throw new RangeError(`"${text}" is not a date of the form YYYY-MM-DD`);
}

/** The day `months` calendar months before/after `days` (day of month clamped). */
export function addMonths(days: number, months: number): number {
  const [y, m, d] = civilFromDays(days);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  const last = civilFromDays(daysFromCivil(ny, nm + 1, 1) - 1)[2];
  return daysFromCivil(ny, nm, Math.min(d, last));
}

/** Zero-padded two-digit strings, so formatting a row allocates little. */
export const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

export function formatIsoDate(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${String(y).padStart(4, '0')}-${TWO_DIGITS[m]}-${TWO_DIGITS[d]}`;
}

/**
 * Formats timestamps as 'YYYY-MM-DD HH:MM:SS' (whole seconds, truncated). Dates inside the
 * range given are formatted once up front: millions of rows share a few hundred days.
 */
export class TimestampFormatter {
  private readonly firstDay: number;
  private readonly dates: string[];

  constructor(firstDay: number, lastDay: number) {
    this.firstDay = firstDay;
    this.dates = [];
    for (let d = firstDay; d <= lastDay; d++) this.dates.push(formatIsoDate(d));
  }

  date(days: number): string {
    const i = days - this.firstDay;
    return i >= 0 && i < this.dates.length ? this.dates[i] : formatIsoDate(days);
  }

  timestamp(seconds: number): string {
    const s = Math.floor(seconds);
    const day = Math.floor(s / DAY);
    let rem = s - day * DAY;
    const h = Math.floor(rem / HOUR);
    rem -= h * HOUR;
    const mi = Math.floor(rem / 60);
    return `${this.date(day)} ${TWO_DIGITS[h]}:${TWO_DIGITS[mi]}:${TWO_DIGITS[rem - mi * 60]}`;
  }
}
