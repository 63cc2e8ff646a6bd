/** What profiling learns about a loaded table: the discovery step of a CRM project. */
import type { TypeFamily } from '../engine/schema';

export interface TopValue {
  /** The value as text (dates as YYYY-MM-DD, numbers as DuckDB prints them). */
  value: string;
  count: number;
}

export interface HistogramBin {
  /** Inclusive start and exclusive end; for dates and times, milliseconds since 1970 (UTC). */
  start: number;
  end: number;
  count: number;
}

export interface Histogram {
  /** 'number' for numeric columns; 'time' when start/end are epoch milliseconds. */
  unit: 'number' | 'time';
  bins: HistogramBin[];
}

export interface ColumnProfile {
  name: string;
  type: string;
  family: TypeFamily;
  nulls: number;
  /** 0–100. */
  nullPercent: number;
  /** Approximate (HyperLogLog) count of distinct non-null values. */
  distinct: number;
  /** Smallest and largest value as text; null for an empty column or a type without an order. */
  min: string | null;
  max: string | null;
  /** Mean of a numeric column. */
  mean: number | null;
  /** Values below zero (numeric columns): returns and refunds in an amount. */
  negatives: number;
  /** Dates after `today` (date and time columns). */
  futureDates: number;
  /** Dates before 1900 (date and time columns): placeholders such as 0001-01-01 or Excel's 1899-12-30. */
  datesBefore1900: number;
  /** Non-blank text values that read as numbers (text columns). */
  numericText: number;
  /** Empty or whitespace-only text values (text columns). */
  blankText: number;
  /** Most frequent values with exact counts, most frequent first (up to 5). */
  topValues: TopValue[];
  /** ~20 bins for numbers, dates and times; null for other types or a single value. */
  histogram: Histogram | null;
}

export interface TableProfile {
  table: string;
  rows: number;
  /** Rows that are exact copies of an earlier row (so 3 identical rows count 2). */
  duplicateRows: number;
  /** The day "future" is measured from, YYYY-MM-DD. */
  today: string;
  columns: ColumnProfile[];
}

export type WarningCode = 'missing_customer_id' | 'negative_amounts' | 'duplicate_rows' | 'future_dates' | 'old_dates' | 'numbers_as_text';

export interface ProfileWarning {
  code: WarningCode;
  severity: 'info' | 'warning' | 'error';
  /** The column concerned, when there is one. */
  column?: string;
  /** How many rows or values. */
  count: number;
  /** What was found, in plain words. */
  message: string;
  /** What to do about it. */
  action: string;
}

export interface ProfileOptions {
  /** YYYY-MM-DD; default: today's date on this computer. Pass it in tests. */
  today?: string;
  /** Histogram bins wanted (default 20). */
  bins?: number;
}
