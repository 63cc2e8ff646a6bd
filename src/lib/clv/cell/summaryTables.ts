/**
 * The lifetime-value cell's summaries in two passes, built for millions of customers: the
 * purchases read ONCE from the (costly) activity view into purchase days, then ONE pass over
 * those days per customer gives both the calibration summary (with its holdout counts) and
 * the summary as of the as-of date. Same semantics as `summarySql` (purchases merged per
 * calendar day; x = repeat days; t_x, T from the first day; m = mean spend of the repeat
 * days with an amount), which the unit tests check customer by customer.
 *
 * Days are integers (days since 1970-01-01): cheaper to group and compare than DATEs.
 */
import { ident, sql, type Sql } from '../../sql';
import { ORDER_DAYS } from '../../model/relations';
import type { ClvInput } from './analysis';

/** Purchases (customer_id, occurred_at, amount) merged per customer and calendar day. */
export function purchaseDaysSql(o: { readonly table: string; readonly purchases: Sql }): Sql {
  return sql`CREATE OR REPLACE TEMP TABLE ${ident(o.table)} AS
SELECT customer_id, CAST(date_diff('day', DATE '1970-01-01', CAST(occurred_at AS DATE)) AS INTEGER) AS day, SUM(amount) AS amount
FROM (${o.purchases})
WHERE customer_id IS NOT NULL AND occurred_at IS NOT NULL
GROUP BY 1, 2`;
}

/**
 * The purchase days of the data model's order_days (already one row per customer and day, up
 * to the as-of date) as a view in purchaseDaysSql's shape: no copy, no grouping.
 */
export function orderPurchaseDaysSql(o: { readonly table: string; readonly segment?: Sql }): Sql {
  const inSegment = o.segment ? sql`\n  AND customer_id IN (${o.segment})` : sql``;
  return sql`CREATE OR REPLACE TEMP VIEW ${ident(o.table)} AS
SELECT customer_id, CAST(date_diff('day', DATE '1970-01-01', day) AS INTEGER) AS day, amount
FROM ${ident(ORDER_DAYS)}
WHERE NOT is_return${inSegment}`;
}

/** First and last purchase day of the purchase-days table (NULL when empty). */
export function purchaseSpanSql(days: string): Sql {
  return sql`SELECT CAST(min(day) AS DOUBLE) AS first, CAST(max(day) AS DOUBLE) AS last FROM ${ident(days)}`;
}

export interface CustomerSummaryOptions {
  /** The purchase-days table (from purchaseDaysSql). */
  readonly days: string;
  /** The table to create. */
  readonly table: string;
  /** Calibration end and as-of date as day numbers (days since 1970-01-01); equal without a holdout. */
  readonly calibrationEnd: number;
  readonly asOf: number;
  /** Days per model unit (7 for weeks). */
  readonly unitDays: number;
}

/**
 * One row per customer with a purchase up to the as-of date, all columns DOUBLE and days as
 * day numbers, the fewest columns from which everything follows (see `summaryArrays`):
 * first (first purchase day), n_cal / last_cal / m_cal (purchase days, last one and mean
 * repeat spend up to the calibration end; 0 / NaN / 0 for customers who start after it), and
 * n / last / m the same up to the as-of date. m is (Σ amount − first day's amount) / (repeat
 * days with an amount): the mean spend of the repeat days.
 */
export function customerSummarySql(o: CustomerSummaryOptions): Sql {
  const cal = sql`CAST(${o.calibrationEnd} AS INTEGER)`;
  const asOf = sql`CAST(${o.asOf} AS INTEGER)`;
  const spend = (sumName: string, countName: string, days: string): Sql =>
    sql`CASE WHEN ${ident(days)} > 1 AND ${ident(countName)} - (first_amount IS NOT NULL)::INTEGER > 0
      THEN (${ident(sumName)} - coalesce(first_amount, 0)) / (${ident(countName)} - (first_amount IS NOT NULL)::INTEGER) ELSE 0 END`;
  return sql`CREATE OR REPLACE TEMP TABLE ${ident(o.table)} AS
SELECT customer_id,
  CAST(first AS DOUBLE) AS first,
  CAST(n_cal AS DOUBLE) AS n_cal,
  CAST(last_cal AS DOUBLE) AS last_cal,
  ${spend('sum_cal', 'amounts_cal', 'n_cal')} AS m_cal,
  CAST(n AS DOUBLE) AS n,
  CAST(last AS DOUBLE) AS last,
  ${spend('sum_all', 'amounts_all', 'n')} AS m
FROM (SELECT *, CASE WHEN isnan(first_amount_raw) THEN NULL ELSE first_amount_raw END AS first_amount FROM (
  SELECT customer_id,
    min(day) AS first,
    max(day) AS last,
    count(*) AS n,
    count(*) FILTER (WHERE day <= ${cal}) AS n_cal,
    max(day) FILTER (WHERE day <= ${cal}) AS last_cal,
    arg_min(coalesce(amount, 'NaN'::DOUBLE), day) AS first_amount_raw,
    coalesce(sum(amount) FILTER (WHERE day <= ${cal}), 0) AS sum_cal,
    count(amount) FILTER (WHERE day <= ${cal}) AS amounts_cal,
    coalesce(sum(amount), 0) AS sum_all,
    count(amount) AS amounts_all
  FROM ${ident(o.days)}
  WHERE day <= ${asOf}
  GROUP BY customer_id
))
-- In customer order, as the cell's table then is: writing it onto customer_features (same order) is about 2× faster.
ORDER BY customer_id`;
}

/** The columns of customerSummarySql's table, in the order `summaryArrays` takes them. */
export const SUMMARY_COLUMNS = ['first', 'n_cal', 'last_cal', 'm_cal', 'n', 'last', 'm'] as const;

export type SummaryColumns = Readonly<Record<(typeof SUMMARY_COLUMNS)[number], Float64Array>>;

export interface SummaryArrays {
  /** 1 when the first purchase is on or before the calibration end. */
  readonly inCal: Uint8Array;
  readonly calibration: { readonly x: Float64Array; readonly tx: Float64Array; readonly T: Float64Array; readonly m: Float64Array; readonly xHoldout: Float64Array };
  readonly current: { readonly x: Float64Array; readonly tx: Float64Array; readonly T: Float64Array; readonly m: Float64Array };
  readonly firstDay: Float64Array;
}

/** The columns each half of a run reads: the calibration fit (with its holdout), and the final fit. */
export const CALIBRATION_COLUMNS = ['first', 'n_cal', 'last_cal', 'm_cal', 'n'] as const;
export const CURRENT_COLUMNS = ['first', 'n', 'last', 'm'] as const;

type Columns<K extends readonly (keyof SummaryColumns)[]> = Pick<SummaryColumns, K[number]>;

/**
 * The calibration summary of the customers who started by the calibration end (x, t_x, T in
 * model units; x_holdout = purchase days after it), and which rows they are (inCal).
 */
export function calibrationArrays(c: Columns<typeof CALIBRATION_COLUMNS>, calibrationEnd: number, unitDays: number): Pick<SummaryArrays, 'inCal' | 'calibration'> {
  const n = c.first.length;
  const inCal = new Uint8Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) if (c.first[i] <= calibrationEnd) (inCal[i] = 1), k++;
  const calibration = { x: new Float64Array(k), tx: new Float64Array(k), T: new Float64Array(k), m: new Float64Array(k), xHoldout: new Float64Array(k) };
  for (let i = 0, j = 0; i < n; i++) {
    if (inCal[i] === 0) continue;
    const first = c.first[i];
    const x = c.n_cal[i] - 1;
    calibration.x[j] = x;
    calibration.tx[j] = x > 0 ? (c.last_cal[i] - first) / unitDays : 0;
    calibration.T[j] = (calibrationEnd - first) / unitDays;
    calibration.m[j] = c.m_cal[i];
    calibration.xHoldout[j] = c.n[i] - c.n_cal[i];
    j++;
  }
  return { inCal, calibration };
}

/** The summary of every customer as of the as-of date. */
export function currentArrays(c: Columns<typeof CURRENT_COLUMNS>, asOf: number, unitDays: number): SummaryArrays['current'] {
  const n = c.first.length;
  const current = { x: new Float64Array(n), tx: new Float64Array(n), T: new Float64Array(n), m: c.m };
  for (let i = 0; i < n; i++) {
    const first = c.first[i];
    current.x[i] = c.n[i] - 1;
    current.tx[i] = (c.last[i] - first) / unitDays;
    current.T[i] = (asOf - first) / unitDays;
  }
  return current;
}

/** The model inputs from the summary columns, in the table's row order: both summaries. */
export function summaryArrays(c: SummaryColumns, calibrationEnd: number, asOf: number, unitDays: number): SummaryArrays {
  return { ...calibrationArrays(c, calibrationEnd, unitDays), current: currentArrays(c, asOf, unitDays), firstDay: c.first };
}

/**
 * Repeat purchase days of the calibration cohort by day, as offsets from the calibration
 * end: the "actual" line of the tracking plot.
 */
export function repeatDaysSql(o: { readonly days: string; readonly summary: string; readonly calibrationEnd: number }): Sql {
  return sql`SELECT CAST(d.day - ${o.calibrationEnd} AS DOUBLE) AS day, CAST(count(*) AS DOUBLE) AS n
FROM ${ident(o.days)} d JOIN ${ident(o.summary)} s ON s.customer_id = d.customer_id
WHERE s.first <= ${o.calibrationEnd} AND d.day > s.first
GROUP BY d.day ORDER BY d.day`;
}

/**
 * Summary columns and where they sit in time: what a models worker turns into model inputs.
 * `part` says which half of a run it is for, and so which columns it carries: the calibration
 * fit's (CALIBRATION_COLUMNS), the final fit's (CURRENT_COLUMNS), or — without a holdout, one
 * worker doing all — the calibration fit's, which then is the final one.
 */
export type ClvSummaryInput = {
  /** Day numbers (days since 1970-01-01); equal without a holdout. */
  readonly calibrationEnd: number;
  readonly asOf: number;
  readonly unitDays: number;
} & (
  | { readonly part: 'calibration' | 'all'; readonly columns: Columns<typeof CALIBRATION_COLUMNS> }
  | { readonly part: 'final'; readonly columns: Columns<typeof CURRENT_COLUMNS> }
);

/** Customers who bought by the calibration end (the calibration summary's length). */
export function calibrationCustomers(first: Float64Array, calibrationEnd: number): number {
  let k = 0;
  for (let i = 0; i < first.length; i++) if (first[i] <= calibrationEnd) k++;
  return k;
}

/** The model inputs of a run's part ('final': only `current` and `firstDay` are filled). */
export function clvInputFromSummary(s: ClvSummaryInput): ClvInput {
  if (s.part === 'final') {
    const none = new Float64Array(0);
    return { x: none, tx: none, T: none, m: none, xHoldout: null, holdoutDuration: null, current: currentArrays(s.columns, s.asOf, s.unitDays), firstDay: s.columns.first };
  }
  const { calibration: cal } = calibrationArrays(s.columns, s.calibrationEnd, s.unitDays);
  const withHoldout = s.part === 'calibration';
  return {
    x: cal.x,
    tx: cal.tx,
    T: cal.T,
    m: cal.m,
    xHoldout: withHoldout ? cal.xHoldout : null,
    holdoutDuration: withHoldout ? (s.asOf - s.calibrationEnd) / s.unitDays : null,
    // Without a holdout every customer is in the calibration summary, in row order.
    firstDay: withHoldout ? undefined : s.columns.first,
  };
}
