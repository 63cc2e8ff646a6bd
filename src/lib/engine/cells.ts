/**
 * Reading one value of a result row as a number: DuckDB gives BIGINT counts as bigint (or
 * as numbers once plainValue has converted them), DOUBLE as number, NULL as null.
 */

/** The number a result cell holds, or null when it holds none. */
export function cellNumber(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isNaN(n) ? null : n;
  }
  return null;
}

/** A count or total from a result cell: 0 when it holds none. */
export function cellCount(v: unknown): number {
  return cellNumber(v) ?? 0;
}
