/**
 * Seasonality as a time-warp. Purchases are simulated in "operational time" u, where the
 * BG/NBD process runs unchanged; calendar time is t = W⁻¹(u) with W(t) = ∫ intensity. Where the
 * intensity is high (December, Saturdays, early evening) a unit of operational time is crossed in
 * less calendar time, so more purchases land there. The intensity averages 1 over a year, so the
 * expected number of purchases per year is unchanged; with amplitude 0 the warp is the identity
 * and purchase times are exactly the BG/NBD process.
 */
import { civilFromDays, daysFromCivil, weekday, DAY, HOUR } from './time';

const DAYS_IN_YEAR = 365;

/** Gaussian bump on the circular day-of-year axis. */
function bump(doy: number, centre: number, width: number, height: number): number {
  let dist = Math.abs(doy - centre);
  dist = Math.min(dist, DAYS_IN_YEAR - dist);
  return height * Math.exp(-0.5 * (dist / width) ** 2);
}

/** Un-normalised yearly shape for a non-leap day of year (0 = 1 January). */
function yearlyShape(doy: number): number {
  let s = 1;
  s += bump(doy, 349, 9, 1.3); // Christmas shopping, peaking mid-December
  s += bump(doy, 331, 2.5, 0.7); // Black Friday / Cyber Monday
  s += bump(doy, 4, 5, 0.35); // January sales
  s += bump(doy, 185, 8, 0.2); // summer sale
  if (doy === 358) s *= 0.25; // 25 December: shops shut, little online
  return s;
}

function normalised(values: number[]): number[] {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return values.map((v) => v / mean);
}

/** Yearly factor per non-leap day of year, mean exactly 1 over the 365 days. */
export const YEARLY_FACTOR: readonly number[] = normalised(Array.from({ length: DAYS_IN_YEAR }, (_, d) => yearlyShape(d)));
/** Weekday factor, Monday first, mean exactly 1 over the week. */
export const WEEKDAY_FACTOR: readonly number[] = normalised([0.9, 0.88, 0.92, 0.96, 1.06, 1.18, 1.1]);
/** Hour-of-day factor, mean exactly 1 over the day (shop hours plus evening online peak). */
export const HOUR_FACTOR: readonly number[] = normalised([
  0.15, 0.08, 0.05, 0.04, 0.05, 0.1, 0.3, 0.6, 0.9, 1.2, 1.4, 1.5, 1.6, 1.55, 1.5, 1.45, 1.45, 1.5, 1.6, 1.7, 1.6, 1.3, 0.9, 0.45,
]);

/** Day of year in a non-leap calendar (29 February shares 28 February's factor). */
function nonLeapDayOfYear(days: number): number {
  const [, m, d] = civilFromDays(days);
  const dayInMonth = m === 2 && d === 29 ? 28 : d;
  return daysFromCivil(2001, m, dayInMonth) - daysFromCivil(2001, 1, 1);
}

export class TimeWarp {
  /** True when amplitude is 0: calendar time is operational time. */
  readonly identity: boolean;
  private readonly start: number;
  private readonly end: number;
  private readonly rate: Float64Array; // intensity per hour bucket
  private readonly cum: Float64Array; // W at each bucket's start, in seconds

  /** start/end in seconds on whole hours; amplitude 0 (none) … 1 (full seasonal shape). */
  constructor(start: number, end: number, amplitude: number) {
    if (!(amplitude >= 0 && amplitude <= 1)) throw new RangeError(`seasonality must be between 0 and 1 (got ${amplitude})`);
    this.identity = amplitude === 0;
    this.start = start;
    this.end = end;
    const hours = this.identity ? 0 : Math.round((end - start) / HOUR);
    this.rate = new Float64Array(hours);
    this.cum = new Float64Array(hours + 1);
    this.cum[0] = start;
    let dayFactor = 1;
    let factorDay = NaN;
    for (let i = 0; i < hours; i++) {
      const t = start + i * HOUR;
      const day = Math.floor(t / DAY);
      if (day !== factorDay) {
        factorDay = day;
        dayFactor = YEARLY_FACTOR[nonLeapDayOfYear(day)] * WEEKDAY_FACTOR[weekday(day)];
      }
      const shape = dayFactor * HOUR_FACTOR[Math.floor((t - day * DAY) / HOUR)];
      // Mixing with 1 keeps the mean at 1 and the intensity positive for amplitude ≤ 1.
      this.rate[i] = 1 + amplitude * (shape - 1);
      this.cum[i + 1] = this.cum[i] + this.rate[i] * HOUR;
    }
  }

  /** Relative purchase intensity at calendar time t (1 outside the simulated period). */
  intensity(t: number): number {
    if (this.identity || t < this.start || t >= this.end) return 1;
    return this.rate[Math.floor((t - this.start) / HOUR)];
  }

  /** W(t): operational time of calendar time t. */
  toOperational(t: number): number {
    if (this.identity || t <= this.start) return t;
    const n = this.rate.length;
    if (t >= this.end) return this.cum[n] + (t - this.end);
    const i = Math.floor((t - this.start) / HOUR);
    return this.cum[i] + this.rate[i] * (t - this.start - i * HOUR);
  }

  /** W⁻¹(u): calendar time of operational time u. */
  toCalendar(u: number): number {
    if (this.identity || u <= this.start) return u;
    const n = this.rate.length;
    if (u >= this.cum[n]) return this.end + (u - this.cum[n]);
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.cum[mid] <= u) lo = mid;
      else hi = mid - 1;
    }
    return this.start + lo * HOUR + (u - this.cum[lo]) / this.rate[lo];
  }
}
