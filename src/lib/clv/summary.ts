/**
 * Per-customer summary of transactions (lifetimes' `summary_data_from_transaction_data`
 * with freq 'D', times then expressed in the chosen unit): purchases on the same calendar
 * day merge into one (amounts summed), x counts repeat purchase days, t_x and T run from
 * the first purchase day, m is the mean spend of the repeat days (0 without repeats).
 * The in-memory twin of `summarySql`, for tests and small data.
 */
import { dayNumber, periodDays, unitDays, type SummaryOptions } from './summaryOptions';

export interface Transaction {
  readonly customerId: string | number;
  /** 'YYYY-MM-DD…' (its date part) or a Date (its UTC day). */
  readonly occurredAt: string | Date;
  readonly amount?: number | null;
}

export interface CustomerSummary {
  readonly customerId: (string | number)[];
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  readonly m: Float64Array;
  /** Purchase days in the holdout period (present when a holdout end was given). */
  readonly xHoldout?: Float64Array;
  /** Mean daily spend in the holdout period (0 without holdout purchases). */
  readonly mHoldout?: Float64Array;
  /** Length of the holdout period in the chosen unit. */
  readonly holdoutDuration?: number;
}

interface DayTotal {
  sum: number;
  hasAmount: boolean;
}

export function summarize(transactions: Iterable<Transaction>, o: SummaryOptions): CustomerSummary {
  const { calEnd, holdEnd } = periodDays(o);
  const last = holdEnd ?? calEnd;
  const perCustomer = new Map<string | number, Map<number, DayTotal>>();
  for (const t of transactions) {
    if (t.customerId === null || t.customerId === undefined) continue;
    const day = dayNumber(t.occurredAt, `The date of a purchase by customer ${t.customerId}`);
    if (day > last) continue;
    let days = perCustomer.get(t.customerId);
    if (!days) perCustomer.set(t.customerId, (days = new Map()));
    let d = days.get(day);
    if (!d) days.set(day, (d = { sum: 0, hasAmount: false }));
    if (typeof t.amount === 'number' && !Number.isNaN(t.amount)) {
      d.sum += t.amount;
      d.hasAmount = true;
    }
  }
  const unit = unitDays(o.unit);
  const ids: (string | number)[] = [];
  const x: number[] = [];
  const tx: number[] = [];
  const T: number[] = [];
  const m: number[] = [];
  const xh: number[] = [];
  const mh: number[] = [];
  for (const [id, days] of perCustomer) {
    const cal = [...days.keys()].filter((d) => d <= calEnd).sort((a, b) => a - b);
    if (cal.length === 0) continue; // first purchase after calibration: not in this cohort
    const first = cal[0];
    let repeatSum = 0;
    let repeatN = 0;
    for (const d of cal.slice(1)) {
      const v = days.get(d) as DayTotal;
      if (v.hasAmount) {
        repeatSum += v.sum;
        repeatN++;
      }
    }
    ids.push(id);
    x.push(cal.length - 1);
    tx.push((cal[cal.length - 1] - first) / unit);
    T.push((calEnd - first) / unit);
    m.push(repeatN > 0 ? repeatSum / repeatN : 0);
    if (holdEnd !== null) {
      let n = 0;
      let s = 0;
      let sn = 0;
      for (const [d, v] of days) {
        if (d <= calEnd) continue;
        n++;
        if (v.hasAmount) {
          s += v.sum;
          sn++;
        }
      }
      xh.push(n);
      mh.push(sn > 0 ? s / sn : 0);
    }
  }
  const base = { customerId: ids, x: Float64Array.from(x), tx: Float64Array.from(tx), T: Float64Array.from(T), m: Float64Array.from(m) };
  if (holdEnd === null) return base;
  return { ...base, xHoldout: Float64Array.from(xh), mHoldout: Float64Array.from(mh), holdoutDuration: (holdEnd - calEnd) / unit };
}
