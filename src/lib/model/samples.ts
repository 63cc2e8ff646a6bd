/**
 * A few rows of each table, as text, to help detection where names and types are not
 * enough: dates stored as 19970101, emails in a column called "contact", discounts as rates.
 */
import { ident, sql, type Sql } from '../sql';
import type { TableInfo } from '../engine/schema';

/** Sample rows of each table, keyed by table name then column name. */
export type TableSamples = Record<string, readonly Record<string, unknown>[]>;

/** The first rows of a table with every value as text (plain values, safe to post between workers). */
export function sampleRowsSql(table: TableInfo, limit = 200): Sql {
  return sql`SELECT CAST(COLUMNS(*) AS VARCHAR) FROM ${ident(table.name)} LIMIT ${Math.max(1, Math.floor(limit))}`;
}

/** Non-empty sample values of one column as text. */
export function sampleValues(samples: TableSamples | undefined, table: string, column: string): string[] {
  const rows = samples?.[table] ?? [];
  const out: string[] = [];
  for (const row of rows) {
    const v = row[column];
    if (v === null || v === undefined) continue;
    const s = String(v).trim();
    if (s !== '') out.push(s);
  }
  return out;
}

function share(values: readonly string[], test: (v: string) => boolean): number {
  return values.length === 0 ? 0 : values.filter(test).length / values.length;
}

/** Values such as 19970101: eight digits that make a real date between 1900 and 2100. */
export function looksLikeYyyymmdd(values: readonly string[]): boolean {
  return values.length > 0 && share(values, isYyyymmdd) === 1;
}

function isYyyymmdd(v: string): boolean {
  if (!/^\d{8}$/.test(v)) return false;
  const y = Number(v.slice(0, 4));
  const m = Number(v.slice(4, 6));
  const d = Number(v.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && y <= 2100 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function looksLikeEmail(values: readonly string[]): boolean {
  return values.length > 0 && share(values, (v) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v)) >= 0.8;
}

/**
 * How a discount column reads. The name decides when it says so (discount_pct, discount_rate);
 * otherwise values are rates only when every one lies within 0–1 and is a round share
 * (0.05, 0.1, 0.25…): small money amounts such as 0.37 off a line stay amounts.
 */
export function discountKindOf(values: readonly string[], tokens: readonly string[]): 'amount' | 'rate' | 'percent' {
  const numbers = values.map(Number).filter((n) => Number.isFinite(n));
  const percentName = tokens.some((t) => t === 'pct' || t === 'percent' || t === 'percentage' || t === 'perc');
  const rateName = tokens.includes('rate');
  const max = numbers.length > 0 ? Math.max(...numbers.map(Math.abs)) : null;
  if (percentName) return max !== null && max <= 1 ? 'rate' : 'percent';
  if (rateName) return 'rate';
  const roundShare = (n: number): boolean => Math.abs(n * 20 - Math.round(n * 20)) < 1e-9;
  if (max !== null && max <= 1 && numbers.some((n) => n !== 0) && numbers.every(roundShare)) return 'rate';
  return 'amount';
}
